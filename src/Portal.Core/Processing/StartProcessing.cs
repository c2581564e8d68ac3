using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>
/// The desk hands a received dossier (status 2) to the agency: status 4, the steps planned, the first one assigned.
/// A dossier already in process without steps (carried over from a legacy system) gets its steps planned by the
/// desk or an approver of the agency.
/// </summary>
public sealed class StartProcessing(PortalDb db, TimeProvider time, CalendarProvider calendars, StepWorkflow steps, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.DossierId).GreaterThan(0).WithMessage(DossierGate.MissingDossier);
    }

    /// <summary>The one rule the page asks and the handler enforces: the receiving agency's desk, on a received dossier (status 2).</summary>
    public static bool IsAvailable(Dossier dossier, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && who.Has(Roles.Reception) && dossier.Status == DossierStatus.Received;

    /// <summary>The rule of planning the steps of a dossier in process without any: the desk or an approver of the receiving agency.</summary>
    public static bool IsPlanAvailable(Dossier dossier, IReadOnlyList<DossierStep> steps, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && (who.Has(Roles.Reception) || who.Has(Roles.Approver)) && AwaitsPlan(dossier, steps);

    /// <summary>In process without steps: carried over from a legacy system.</summary>
    private static bool AwaitsPlan(Dossier dossier, IReadOnlyList<DossierStep> steps) => dossier.Status == DossierStatus.InProcess && steps.Count == 0;

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        DossierGate.RequireOwnAgency(dossier, who);
        var now = time.GetUtcNow().UtcDateTime;
        var all = await steps.LoadAsync(dossier.Id, ct);
        if (AwaitsPlan(dossier, all))
        {
            if (!IsPlanAvailable(dossier, all, who))
            {
                throw new ActionNotPermittedException("Chỉ cán bộ một cửa hoặc lãnh đạo phòng được lập các bước xử lý.",
                    "Only the desk or an approver may plan the processing steps.");
            }

            await steps.StartAsync(dossier, who.As(who.Has(Roles.Reception) ? Roles.Reception : Roles.Approver), await calendars.GetAsync(ct), now, ct);
        }
        else
        {
            who.Require(Roles.Reception, "chuyển hồ sơ để giải quyết", "hand dossiers to processing");
            DomainException.Ensure(IsAvailable(dossier, who),
                $"Không thể bắt đầu xử lý: hồ sơ đang ở trạng thái \"{dossier.Status.Vietnamese()}\".",
                $"Cannot start processing: the dossier is \"{dossier.Status.English()}\".");
            var desk = who.As(Roles.Reception);
            dossier.StartProcessing(now, desk);
            await steps.StartAsync(dossier, desk, await calendars.GetAsync(ct), now, ct);
        }

        audit.Add(who.Audit, "dossier.start", dossier.Id);
        await db.SaveChangesAsync(ct);
    }
}
