using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Links;
using Portal.Core.Notifications;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>
/// The holder of the active step asks another agency for its opinion (xin ý kiến), with its own budget in working days.
/// The dossier's clock keeps running and its deadline does not move, so the budget must fit before that deadline; the
/// asked agency's handlers and approvers are told by mail, see the dossier, and answer on its page
/// (<see cref="AnswerOpinion"/>). The step cannot be completed while the request is open (<see cref="StepWorkflow"/>).
/// </summary>
public sealed class RequestOpinion(PortalDb db, TimeProvider time, CalendarProvider calendars, AuditTrail audit, PublicUrls urls)
{
    /// <summary>The longest budget one may give another agency, in working days.</summary>
    public const int MaxWorkingDays = 10;

    public sealed record Command(long DossierId, int Version, long StepId, int ToAgencyId, string Question, int BudgetWorkingDays);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ToAgencyId).GreaterThan(0)
                .WithMessage("Chọn cơ quan được xin ý kiến. / Choose the agency to ask.");
            RuleFor(c => c.Question).Must(q => VietnameseText.Normalize(q).Length >= 10)
                .WithMessage("Nêu rõ nội dung cần xin ý kiến (ít nhất 10 ký tự). / Say what the opinion is needed on (at least 10 characters).");
            RuleFor(c => c.Question).Must(q => (q ?? string.Empty).Length <= 2000)
                .WithMessage("Nội dung xin ý kiến tối đa 2000 ký tự. / The question is at most 2000 characters.");
            RuleFor(c => c.BudgetWorkingDays).InclusiveBetween(1, MaxWorkingDays)
                .WithMessage($"Thời hạn trả lời từ 1 đến {MaxWorkingDays} ngày làm việc. / The time to answer is 1 to {MaxWorkingDays} working days.");
        }
    }

    /// <summary>The one rule the page asks and the handler enforces: a dossier in process whose active step the official holds.</summary>
    public static bool IsAvailable(Dossier dossier, IReadOnlyList<DossierStep> steps, OfficialContext who) =>
        dossier.Status == DossierStatus.InProcess && steps.FirstOrDefault(s => s.State == StepState.Active) is { } active && StepWorkflow.Holds(active, who);

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        var all = await db.DossierSteps.Where(s => s.DossierId == dossier.Id).OrderBy(s => s.Index).ToListAsync(ct);
        var step = all.FirstOrDefault(s => s.Id == command.StepId && s.State == StepState.Active)
            ?? throw new DomainException("Bước này không còn đang xử lý.", "This step is no longer active.");
        var actor = CompleteStep.Holder(step, who);
        DomainException.Ensure(IsAvailable(dossier, all, who),
            $"Không thể xin ý kiến: hồ sơ đang ở trạng thái \"{dossier.Status.Vietnamese()}\".",
            $"No opinion can be requested: the dossier is \"{dossier.Status.English()}\".");
        var target = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == command.ToAgencyId, ct);
        DomainException.Ensure(target is { IsActive: true },
            "Cơ quan được chọn không có trong danh mục hoặc đã ngừng hoạt động, sáp nhập.", "The chosen agency is not in the catalogue, or is merged or closed.");
        DomainException.Ensure(target!.Id != dossier.AgencyId && !who.ActsFor(target.Id),
            "Chỉ xin ý kiến cơ quan khác; trong cơ quan mình hãy trao đổi trực tiếp hoặc chuyển bước.",
            "Ask another agency; inside your own agency talk to them or hand the step on.");
        DomainException.Ensure(!await db.OpinionRequests.AnyAsync(r => r.DossierId == dossier.Id && r.ToAgencyId == target.Id && r.State == OpinionState.Open, ct),
            $"Đã có yêu cầu xin ý kiến {target.Name} đang chờ trả lời cho hồ sơ này.",
            $"A request for {target.Name}'s opinion on this dossier is already waiting for an answer.");

        var calendar = await calendars.GetAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var start = calendar.StartOfCounting(now);
        var budget = command.BudgetWorkingDays * calendar.MinutesPerDay;
        var due = calendar.AddWorkingMinutes(start, budget);
        if (dossier.DueAt is { } deadline && now <= deadline && due > deadline)
        {
            // The opinion is inside the dossier's time: an answer promised after the deadline makes the dossier late.
            var left = calendar.WorkingMinutesBetween(start, deadline);
            var days = left / calendar.MinutesPerDay;
            var at = calendar.ToLocal(deadline).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
            throw days >= 1
                ? new DomainException($"Hồ sơ phải giải quyết xong trước {at}: chọn thời hạn trả lời tối đa {days} ngày làm việc.",
                    $"The dossier is due by {at}: give at most {days} working days to answer.")
                : new DomainException($"Hồ sơ phải giải quyết xong trước {at}, còn dưới một ngày làm việc: hãy trao đổi trực tiếp với cơ quan, hoặc lãnh đạo lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) trước.",
                    $"The dossier is due by {at}, less than a working day away: talk to the agency directly, or have an approver issue the apology with a new date (form 04) first.");
        }

        var question = VietnameseText.NormalizeMultiline(command.Question);
        db.OpinionRequests.Add(new OpinionRequest(dossier.Id, step.Id, step.AgencyId, target.Id, question, actor, now, budget, due));
        var dueText = calendar.ToLocal(due).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
        db.DossierHandOffs.Add(new DossierHandOff(dossier.Id, now, actor.Name, actor.Role, step.AgencyId, null, Roles.Handler, target.Id,
            $"Xin ý kiến {target.Name} (hạn trả lời {dueText})", null, question));
        dossier.RecordProcessingStep(nameof(RequestOpinion), $"{target.Name}, hạn trả lời {dueText}", now, actor);
        await NotifyAsync(dossier, target, question, dueText, now, ct);
        audit.Add(who.Audit, "dossier.opinion.request", dossier.Id, $"{target.Name}: {question}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A mail to every handler and approver acting for the asked agency (its successor's, if it was merged since).</summary>
    private async Task NotifyAsync(Dossier dossier, Agency target, string question, string dueText, DateTime now, CancellationToken ct)
    {
        var acting = (await AgencySuccession.LoadAsync(db, ct)).ActingFor(target.Id).ToList();
        var addresses = (await StaffDirectory.Of(db, acting, [Roles.Handler, Roles.Approver]).AsNoTracking().ToListAsync(ct))
            .Select(s => s.Email).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var subject = $"[{dossier.Code}] Đề nghị cho ý kiến, hạn {dueText}";
        var text = $"Cơ quan giải quyết hồ sơ {dossier.Code} đề nghị {target.Name} cho ý kiến trước {dueText}:\n\n{question}\n\n"
            + $"Trả lời trên trang hồ sơ: {urls.Link($"/can-bo/ho-so/{dossier.Id}")}\n\nCổng Dịch vụ công – thư tự động.";
        foreach (var address in addresses)
        {
            db.Outbox.Add(new OutboxMessage(OutboxKind.Email, "opinion-request", new EmailPayload(address, subject, text).Serialize(), dossier.Id, now));
        }
    }
}
