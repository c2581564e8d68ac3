using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>
/// The official holding the active step finishes it and hands the dossier to the next step (to a chosen colleague,
/// or to the least loaded one; to the other agency for a liên thông step). An unassigned step may be taken by
/// anyone of its agency with its role.
/// </summary>
public sealed class CompleteStep(PortalDb db, TimeProvider time, CalendarProvider calendars, StepWorkflow steps, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, long StepId, string? Note, Guid? NextAssigneeId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).Must(n => (n ?? string.Empty).Length <= 2000)
            .WithMessage("Ý kiến tối đa 2000 ký tự. / The note is at most 2000 characters.");
    }

    /// <summary>
    /// The one rule the page asks and the handler enforces: a dossier in process whose active step the official holds
    /// and that has a step after it (the last one is completed by the decision).
    /// </summary>
    public static bool IsAvailable(Dossier dossier, IReadOnlyList<DossierStep> all, OfficialContext who) =>
        dossier.Status == DossierStatus.InProcess && all.FirstOrDefault(s => s.State == StepState.Active) is { } active
            && StepWorkflow.Holds(active, who) && all.Any(s => s.Index == active.Index + 1);

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct, withSupplements: true);
        DomainException.Ensure(dossier.Status == DossierStatus.InProcess,
            $"Không thể chuyển bước: hồ sơ đang ở trạng thái \"{dossier.Status.Vietnamese()}\".",
            $"The step cannot be completed: the dossier is \"{dossier.Status.English()}\".");
        var all = await steps.LoadAsync(dossier.Id, ct);
        var step = all.FirstOrDefault(s => s.Id == command.StepId && s.State == StepState.Active)
            ?? throw new DomainException("Bước này không còn đang xử lý.", "This step is no longer active.");
        var actor = Holder(step, who);
        if (command.NextAssigneeId is not null && all.FirstOrDefault(s => s.Index == step.Index + 1) is { } next && !MayChooseNext(next, who))
        {
            throw new ActionNotPermittedException("Bước tiếp theo thuộc cơ quan khác; cơ quan đó tự phân công cán bộ xử lý.",
                "The next step belongs to another agency, which assigns its own official.");
        }

        DomainException.Ensure(IsAvailable(dossier, all, who),
            "Đây là bước cuối: hãy ghi nhận quyết định giải quyết hồ sơ.", "This is the last step: record the decision instead.");
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : VietnameseText.NormalizeMultiline(command.Note);
        await steps.CompleteAsync(dossier, all, step, actor, note, command.NextAssigneeId, await calendars.GetAsync(ct), time.GetUtcNow().UtcDateTime, ct);
        audit.Add(who.Audit, "dossier.step.complete", dossier.Id, step.Name);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Only for a next step at one's own agency may one choose who does it (and see the colleagues' workloads).</summary>
    public static bool MayChooseNext(DossierStep next, OfficialContext who) => who.ActsFor(next.AgencyId);

    /// <summary>The step's assignee, or (while nobody holds it) an official of its agency with its role.</summary>
    internal static Actor Holder(DossierStep step, OfficialContext who)
    {
        if (!StepWorkflow.Holds(step, who))
        {
            throw new ActionNotPermittedException(
                $"Bước \"{step.Name}\" do {step.AssigneeName ?? Roles.Vietnamese(step.Role).ToLowerInvariant()} xử lý.",
                $"Step \"{step.Name}\" is held by {step.AssigneeName ?? "the " + step.Role + " role"}.");
        }

        return who.As(step.Role);
    }
}
