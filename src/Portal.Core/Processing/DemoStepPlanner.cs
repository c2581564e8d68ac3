using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>
/// The demo's dossiers in process were simulated without the agencies' steps; this plans them (as of the moment each
/// was handed over, assigned by load) so that every demo official finds their own tasks. Runs in Development only,
/// right after the demo is seeded; dossiers that already have steps are left alone.
/// </summary>
public sealed class DemoStepPlanner(PortalDb db, StepWorkflow steps, CalendarProvider calendars)
{
    private static readonly DossierStatus[] Open = [DossierStatus.InProcess, DossierStatus.AwaitingSupplement, DossierStatus.AwaitingPayment];

    public async Task<int> PlanAsync(CancellationToken ct = default)
    {
        var calendar = await calendars.GetAsync(ct);
        var ids = await db.Dossiers.Where(d => Open.Contains(d.Status) && d.ReceivedAt != null && !db.DossierSteps.Any(s => s.DossierId == d.Id))
            .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            var dossier = await db.Dossiers.Include(d => d.History).SingleAsync(d => d.Id == id, ct);
            var handedOver = dossier.History.Where(h => h.Action == nameof(Dossier.StartProcessing)).OrderBy(h => h.At).FirstOrDefault();
            var desk = handedOver is null ? new Actor(null, "Bộ phận một cửa", Roles.Reception) : new Actor(handedOver.ActorId, handedOver.ActorName, handedOver.Role);
            await steps.StartAsync(dossier, desk, calendar, handedOver?.At ?? dossier.ReceivedAt!.Value, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return ids.Count;
    }
}
