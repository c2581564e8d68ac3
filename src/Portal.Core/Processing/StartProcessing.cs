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
        public Validator() => RuleFor(c => c.DossierId).GreaterThan(0);
    }

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        DossierGate.RequireOwnAgency(dossier, who);
        var now = time.GetUtcNow().UtcDateTime;
        if (dossier.Status == DossierStatus.InProcess && (await steps.LoadAsync(dossier.Id, ct)).Count == 0)
        {
            if (!who.Has(Roles.Reception) && !who.Has(Roles.Approver))
            {
                throw new ActionNotPermittedException("Chỉ cán bộ một cửa hoặc lãnh đạo phòng được lập các bước xử lý.",
                    "Only the desk or an approver may plan the processing steps.");
            }

            await steps.StartAsync(dossier, who.As(who.Has(Roles.Reception) ? Roles.Reception : Roles.Approver), await calendars.GetAsync(ct), now, ct);
        }
        else
        {
            who.Require(Roles.Reception, "chuyển hồ sơ để giải quyết", "hand dossiers to processing");
            var desk = who.As(Roles.Reception);
            dossier.StartProcessing(now, desk);
            await steps.StartAsync(dossier, desk, await calendars.GetAsync(ct), now, ct);
        }

        audit.Add(who.Audit, "dossier.start", dossier.Id);
        await db.SaveChangesAsync(ct);
    }
}
