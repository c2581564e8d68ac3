using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>
/// The desk accepts an online dossier (status 1 → 2): the reception time and the promised date are fixed, the
/// receipt (Mẫu 01) follows from the status change; optionally handed straight to the agency's first step.
/// </summary>
public sealed class AcceptDossier(PortalDb db, TimeProvider time, CalendarProvider calendars, StepWorkflow steps, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, bool StartProcessing);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.DossierId).GreaterThan(0);
    }

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        DossierGate.RequireOwnAgency(dossier, who);
        who.Require(Roles.Reception, "tiếp nhận hồ sơ", "receive dossiers");
        var now = time.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct);
        var desk = who.As(Roles.Reception);
        dossier.Accept(calendar.PromisedAt(now, version.TimeLimit), now, desk);
        audit.Add(who.Audit, "dossier.accept", dossier.Id, $"Hẹn trả {calendar.ToLocal(dossier.PromisedAt!.Value):HH:mm dd/MM/yyyy}");
        if (command.StartProcessing)
        {
            dossier.StartProcessing(now, desk);
            await steps.StartAsync(dossier, desk, calendar, now, ct);
        }

        await db.SaveChangesAsync(ct);
    }
}
