using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>The active step is handed to another official by hand: by its holder, or by an approver of the step's agency.</summary>
public sealed class AssignStep(PortalDb db, TimeProvider time, StepWorkflow steps, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, long StepId, Guid AssigneeId, string? Note);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.AssigneeId).NotEqual(Guid.Empty).WithMessage("Chọn cán bộ được phân công. / Choose the official to assign.");
            RuleFor(c => c.Note).Must(n => (n ?? string.Empty).Length <= 2000).WithMessage("Ghi chú tối đa 2000 ký tự. / The note is at most 2000 characters.");
        }
    }

    /// <summary>
    /// The one rule the page asks and the handler enforces: the active step of a dossier still being worked on (in
    /// process, or paused for a supplement or a payment), by its holder or by an approver of the step's agency.
    /// </summary>
    public static bool IsAvailable(Dossier dossier, IReadOnlyList<DossierStep> all, OfficialContext who) =>
        (dossier.Status is DossierStatus.InProcess or DossierStatus.AwaitingSupplement or DossierStatus.AwaitingPayment)
        && all.FirstOrDefault(s => s.State == StepState.Active) is { } active && MayReassign(active, who);

    private static bool MayReassign(DossierStep step, OfficialContext who) =>
        step.AssigneeId == who.UserId || (who.Has(Roles.Approver) && who.ActsFor(step.AgencyId));

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        var all = await steps.LoadAsync(dossier.Id, ct);
        var step = all.FirstOrDefault(s => s.Id == command.StepId && s.State == StepState.Active)
            ?? throw new DomainException("Bước này không còn đang xử lý.", "This step is no longer active.");
        if (!MayReassign(step, who))
        {
            throw new ActionNotPermittedException("Chỉ người đang giữ bước hoặc lãnh đạo phòng của cơ quan thực hiện bước được phân công lại.",
                "Only the holder of the step or an approver of its agency may reassign it.");
        }

        DomainException.Ensure(IsAvailable(dossier, all, who),
            $"Không thể phân công lại: hồ sơ đang ở trạng thái \"{dossier.Status.Vietnamese()}\".",
            $"The step cannot be reassigned: the dossier is \"{dossier.Status.English()}\".");
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : VietnameseText.Normalize(command.Note);
        var holder = step.AssigneeId == who.UserId;
        await steps.ReassignAsync(dossier, step, who.As(holder ? step.Role : Roles.Approver), command.AssigneeId, note, time.GetUtcNow().UtcDateTime, ct);
        audit.Add(who.Audit, "dossier.step.assign", dossier.Id, step.Name);
        await db.SaveChangesAsync(ct);
    }
}
