using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>
/// The holder of a later step (the approver, most often) sends the dossier back to the step before it, with the reason:
/// the handler who did that step gets it again with its allotted time. The legal deadline does not move.
/// </summary>
public sealed class SendBackStep(PortalDb db, TimeProvider time, CalendarProvider calendars, StepWorkflow steps, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, long StepId, string Reason);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Must(r => VietnameseText.Normalize(r).Length >= 5)
                .WithMessage("Nêu rõ lý do trả lại và việc cần làm lại (ít nhất 5 ký tự). / Say why it goes back and what to redo (at least 5 characters).");
            RuleFor(c => c.Reason).Must(r => (r ?? string.Empty).Length <= 2000).WithMessage("Lý do tối đa 2000 ký tự. / The reason is at most 2000 characters.");
        }
    }

    /// <summary>The one rule the page asks and the handler enforces: a dossier in process whose active step the official holds and that has a step before it.</summary>
    public static bool IsAvailable(Dossier dossier, IReadOnlyList<DossierStep> all, OfficialContext who)
    {
        var active = all.FirstOrDefault(s => s.State == StepState.Active);
        return dossier.Status == DossierStatus.InProcess && active is not null && StepWorkflow.Holds(active, who)
            && all.Any(s => s.Index < active.Index && s.State == StepState.Done);
    }

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct, withSupplements: true);
        var all = await steps.LoadAsync(dossier.Id, ct);
        var step = all.FirstOrDefault(s => s.Id == command.StepId && s.State == StepState.Active)
            ?? throw new DomainException("Bước này không còn đang xử lý.", "This step is no longer active.");
        var actor = CompleteStep.Holder(step, who);
        DomainException.Ensure(IsAvailable(dossier, all, who),
            "Không thể trả lại: hồ sơ phải đang giải quyết và có bước trước đã hoàn thành.",
            "It cannot be sent back: the dossier must be in process with an earlier step done.");
        await steps.EnsureNoOpinionAwaitedAsync(step, ct);
        var reason = VietnameseText.NormalizeMultiline(command.Reason);
        steps.SendBack(dossier, all, step, actor, reason, await calendars.GetAsync(ct), time.GetUtcNow().UtcDateTime);
        audit.Add(who.Audit, "dossier.step.sendback", dossier.Id, $"{step.Name}: {reason}");
        await db.SaveChangesAsync(ct);
    }
}
