using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Catalog;

/// <summary>
/// Which agencies' dossiers an agency's officials work after mergers: their own and every agency merged into it,
/// directly or down a chain (A into B, later B into C: C's officials act for A and B). A merged agency keeps its
/// dossiers and its figures (<c>Dossier.AgencyId</c> never changes); its successor's officials finish what it had
/// open and keep its archive. The one place this is decided: the sign-in carries an official's set as claims
/// (<see cref="Identity.PortalClaimsFactory"/>), which the dossier gate, the worklists and the action checks read;
/// the assignee picker and the deadline mails go the other way, from a dossier's agency to the officials acting for it.
/// </summary>
public sealed class AgencySuccession
{
    private readonly IReadOnlyDictionary<int, int> _mergedInto;
    private readonly ILookup<int, int> _mergedFrom;

    internal AgencySuccession(IReadOnlyDictionary<int, int> mergedInto)
    {
        _mergedInto = mergedInto;
        _mergedFrom = mergedInto.ToLookup(m => m.Value, m => m.Key);
    }

    /// <summary>The mergers recorded (a few rows: only merged agencies are read).</summary>
    public static async Task<AgencySuccession> LoadAsync(PortalDb db, CancellationToken ct) =>
        new(await db.Agencies.AsNoTracking().Where(a => a.MergedIntoId != null)
            .ToDictionaryAsync(a => a.Id, a => a.MergedIntoId!.Value, ct));

    /// <summary>The agency itself and every agency merged into it, transitively: whose dossiers its officials work.</summary>
    public IReadOnlySet<int> ActsFor(int agencyId)
    {
        var found = new HashSet<int> { agencyId };
        var queue = new Queue<int>([agencyId]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var merged in _mergedFrom[next])
            {
                if (found.Add(merged))
                {
                    queue.Enqueue(merged);
                }
            }
        }

        return found;
    }

    /// <summary>The agency itself, the one it was merged into, and so on: the agencies whose officials act for it.</summary>
    public IReadOnlyList<int> ActingFor(int agencyId)
    {
        var chain = new List<int> { agencyId };
        // The domain refuses merging into a merged agency, so a chain never loops; the check keeps a bad row from hanging.
        while (_mergedInto.TryGetValue(chain[^1], out var successor) && !chain.Contains(successor))
        {
            chain.Add(successor);
        }

        return chain;
    }
}
