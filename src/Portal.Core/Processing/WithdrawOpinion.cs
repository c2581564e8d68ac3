using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Processing;

/// <summary>The holder of the step that asked takes an unanswered request back (the question no longer matters, or was settled otherwise).</summary>
public sealed class WithdrawOpinion(PortalDb db, TimeProvider time, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, long RequestId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.RequestId).GreaterThan(0)
            .WithMessage("Không rõ yêu cầu xin ý kiến nào cần rút: hãy mở lại trang hồ sơ. / It is not clear which request to withdraw: open the dossier page again.");
    }

    /// <summary>The one rule the page asks and the handler enforces: an open request of the active step the official holds.</summary>
    public static bool IsAvailable(OpinionRequest request, IReadOnlyList<DossierStep> steps, OfficialContext who) =>
        request.IsOpen && steps.FirstOrDefault(s => s.Id == request.StepId) is { State: StepState.Active } step && StepWorkflow.Holds(step, who);

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        var request = await db.OpinionRequests.SingleOrDefaultAsync(r => r.Id == command.RequestId && r.DossierId == dossier.Id, ct)
            ?? throw new DossierNotFoundException();
        var steps = await db.DossierSteps.Where(s => s.DossierId == dossier.Id).ToListAsync(ct);
        var step = steps.Single(s => s.Id == request.StepId);
        DomainException.Ensure(step.State == StepState.Active, "Bước đã xin ý kiến không còn đang xử lý.", "The step that asked is no longer active.");
        var actor = CompleteStep.Holder(step, who);
        DomainException.Ensure(request.IsOpen, "Yêu cầu này đã được trả lời hoặc đã rút.", "This request was already answered or withdrawn.");
        DomainException.Ensure(IsAvailable(request, steps, who), "Không thể rút yêu cầu này.", "This request cannot be withdrawn.");
        var now = time.GetUtcNow().UtcDateTime;
        request.Withdraw(now);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == request.ToAgencyId).Select(a => a.Name).SingleAsync(ct);
        dossier.RecordProcessingStep(nameof(WithdrawOpinion), agency, now, actor);
        audit.Add(who.Audit, "dossier.opinion.withdraw", dossier.Id, agency);
        await db.SaveChangesAsync(ct);
    }
}
