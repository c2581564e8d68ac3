using Microsoft.EntityFrameworkCore;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>An official who may take a step, with how many open steps they hold now.</summary>
public sealed record Candidate(Guid Id, string Name, int OpenSteps);

/// <summary>
/// Chooses who does a step: among the officials acting for the step's agency (its own, or, once it is merged, its
/// successor's: <see cref="AgencySuccession"/>) with the step's role, the one holding the fewest open steps (ties: the
/// one assigned least recently), so work spreads by load.
/// </summary>
public sealed class AssigneePicker(PortalDb db)
{
    private static readonly DossierStatus[] Open = [DossierStatus.InProcess, DossierStatus.AwaitingSupplement, DossierStatus.AwaitingPayment];

    public async Task<IReadOnlyList<Candidate>> CandidatesAsync(int agencyId, string role, CancellationToken ct)
    {
        var acting = (await AgencySuccession.LoadAsync(db, ct)).ActingFor(agencyId);
        var people = await StaffDirectory.Of(db, [.. acting], [role]).AsNoTracking().ToListAsync(ct);
        if (people.Count == 0)
        {
            return [];
        }

        var ids = people.Select(p => p.Id).ToList();
        var loads = await (
            from s in db.DossierSteps
            join d in db.Dossiers on s.DossierId equals d.Id
            where s.State == StepState.Active && s.AssigneeId != null && ids.Contains(s.AssigneeId.Value) && Open.Contains(d.Status)
            group s by s.AssigneeId into g
            select new { Id = g.Key!.Value, Count = g.Count(), Last = g.Max(x => x.AssignedAt) }).ToListAsync(ct);
        var byId = loads.ToDictionary(l => l.Id);
        return [.. people
            .Select(p => (Person: p, Load: byId.GetValueOrDefault(p.Id)))
            .OrderBy(x => x.Load?.Count ?? 0)
            .ThenBy(x => x.Load?.Last ?? DateTime.MinValue)
            .ThenBy(x => x.Person.Id)
            .Select(x => new Candidate(x.Person.Id, x.Person.FullName, x.Load?.Count ?? 0))];
    }

    public async Task<Candidate?> PickAsync(int agencyId, string role, CancellationToken ct) =>
        await CandidatesAsync(agencyId, role, ct) is [var first, ..] ? first : null;
}
