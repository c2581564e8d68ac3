using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portal.Core.Data;

namespace Portal.Core.Catalog;

/// <summary>
/// How often each procedure is filed: dossiers filed (online or at the desk) in the last year, counted in the database,
/// so that every node ranks alike. The search reads it through a short cache: a ranking a few minutes old is good
/// enough, and a count over the dossier table per keystroke is not.
/// </summary>
public sealed class ProcedureFilings(PortalDb db, IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(365);
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private const string CacheKey = "catalog.procedure-filings";

    public async Task<IReadOnlyDictionary<int, int>> CountsAsync(CancellationToken ct) =>
        await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            return await CountNowAsync(ct);
        }) ?? new Dictionary<int, int>();

    /// <summary>The counts straight from the database (drafts are not filed; a dossier counts from its filing time).</summary>
    public async Task<IReadOnlyDictionary<int, int>> CountNowAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - Window;
        return await db.Dossiers.AsNoTracking()
            .Where(d => d.SubmittedAt != null && d.SubmittedAt >= since)
            .GroupBy(d => d.ProcedureId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}
