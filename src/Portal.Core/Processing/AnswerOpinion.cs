using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Links;
using Portal.Core.Notifications;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>
/// A handler or approver of the asked agency answers a request for its opinion. How the answer ended against the
/// request's own budget is kept on the request and on the hand-off back (Mẫu 05); the step's holder is told by mail.
/// </summary>
public sealed class AnswerOpinion(PortalDb db, TimeProvider time, CalendarProvider calendars, AuditTrail audit, PublicUrls urls)
{
    public sealed record Command(long DossierId, long RequestId, int RequestVersion, string Answer);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Answer).Must(a => VietnameseText.Normalize(a).Length >= 5)
                .WithMessage("Ghi ý kiến của cơ quan (ít nhất 5 ký tự). / Write the agency's opinion (at least 5 characters).");
            RuleFor(c => c.Answer).Must(a => (a ?? string.Empty).Length <= 4000)
                .WithMessage("Ý kiến tối đa 4000 ký tự. / The opinion is at most 4000 characters.");
        }
    }

    /// <summary>The one rule the page asks and the handler enforces: an open request to an agency the official acts for, on a dossier not yet finished.</summary>
    public static bool IsAvailable(OpinionRequest request, Dossier dossier, OfficialContext who) =>
        request.IsOpen && !dossier.Status.IsFinished() && who.ActsFor(request.ToAgencyId) && (who.Has(Roles.Handler) || who.Has(Roles.Approver));

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var request = await db.OpinionRequests.SingleOrDefaultAsync(r => r.Id == command.RequestId && r.DossierId == command.DossierId, ct);
        var dossier = await db.Dossiers.SingleOrDefaultAsync(d => d.Id == command.DossierId, ct);
        if (request is null || dossier is null || !who.IsOfficial || (!who.ActsFor(request.ToAgencyId) && !who.ActsFor(dossier.AgencyId)))
        {
            throw new DossierNotFoundException();
        }

        if (!who.ActsFor(request.ToAgencyId) || !(who.Has(Roles.Handler) || who.Has(Roles.Approver)))
        {
            throw new ActionNotPermittedException("Chỉ chuyên viên, lãnh đạo của cơ quan được xin ý kiến mới trả lời được.",
                "Only a handler or approver of the agency asked may answer.");
        }

        if (request.Version != command.RequestVersion)
        {
            throw DossierGate.Stale();
        }

        if (!request.IsOpen)
        {
            throw request.State == OpinionState.Answered
                ? new DomainException($"{request.AnsweredByName} đã trả lời yêu cầu này.", $"{request.AnsweredByName} has already answered this request.")
                : new DomainException("Yêu cầu xin ý kiến này đã được rút hoặc hủy; không cần trả lời nữa.", "This request was withdrawn or cancelled; no answer is needed.");
        }

        DomainException.Ensure(IsAvailable(request, dossier, who),
            $"Hồ sơ đã kết thúc (\"{dossier.Status.Vietnamese()}\"); không cần trả lời nữa.",
            $"The dossier has ended (\"{dossier.Status.English()}\"); no answer is needed.");

        var calendar = await calendars.GetAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var actor = who.As(who.Has(Roles.Approver) ? Roles.Approver : Roles.Handler);
        var answer = VietnameseText.NormalizeMultiline(command.Answer);
        var result = StepTiming.Classify(now, request.DueAt, calendar);
        request.Give(actor, answer, now, result);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.Id == request.ToAgencyId || a.Id == request.FromAgencyId)
            .ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var from = agencies.GetValueOrDefault(request.ToAgencyId, string.Empty);
        db.DossierHandOffs.Add(new DossierHandOff(dossier.Id, now, actor.Name, actor.Role, request.ToAgencyId, request.AskedByName, Roles.Handler,
            request.FromAgencyId, $"Trả lời xin ý kiến của {agencies.GetValueOrDefault(request.FromAgencyId)}", result, answer.Length > 2000 ? answer[..2000] : answer));
        dossier.RecordProcessingStep(nameof(AnswerOpinion), $"{from}: {((Timeliness?)result).Vietnamese().ToLowerInvariant()}", now, actor);
        if (request.AskedById is { } asker && await db.Users.AsNoTracking().Where(u => u.Id == asker).Select(u => u.Email).SingleOrDefaultAsync(ct) is { } email)
        {
            db.Outbox.Add(new OutboxMessage(OutboxKind.Email, "opinion-answer", new EmailPayload(email, $"[{dossier.Code}] {from} đã cho ý kiến",
                $"{from} đã trả lời đề nghị cho ý kiến về hồ sơ {dossier.Code}:\n\n{answer}\n\nMở hồ sơ: {urls.Link($"/can-bo/ho-so/{dossier.Id}")}\n\nCổng Dịch vụ công – thư tự động.").Serialize(),
                dossier.Id, now));
        }

        audit.Add(who.Audit, "dossier.opinion.answer", dossier.Id, $"{from}: {answer}");
        await db.SaveChangesAsync(ct);
    }
}
