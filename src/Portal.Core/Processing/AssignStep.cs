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

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        var step = (await steps.LoadAsync(dossier.Id, ct)).FirstOrDefault(s => s.Id == command.StepId && s.State == StepState.Active)
            ?? throw new DomainException("Bước này không còn đang xử lý.", "This step is no longer active.");
        var holder = step.AssigneeId == who.UserId;
        var approver = who.Has(Roles.Approver) && who.ActsFor(step.AgencyId);
        if (!holder && !approver)
        {
            throw new ActionNotPermittedException("Chỉ người đang giữ bước hoặc lãnh đạo phòng của cơ quan thực hiện bước được phân công lại.",
                "Only the holder of the step or an approver of its agency may reassign it.");
        }

        var note = string.IsNullOrWhiteSpace(command.Note) ? null : VietnameseText.Normalize(command.Note);
        await steps.ReassignAsync(dossier, step, who.As(holder ? step.Role : Roles.Approver), command.AssigneeId, note, time.GetUtcNow().UtcDateTime, ct);
        audit.Add(who.Audit, "dossier.step.assign", dossier.Id, step.Name);
        await db.SaveChangesAsync(ct);
    }
}
