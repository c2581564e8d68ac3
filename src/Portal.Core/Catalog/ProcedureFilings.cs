using Microsoft.Extensions.Caching.Memory;
using Portal.Core.Statistics;

namespace Portal.Core.Catalog;

/// <summary>
/// How often each procedure is filed: dossiers received (online, at the desk or by post) in the last 365 days, read
/// from the statistics buckets (a few range scans, not a count over the dossier table, which holds millions), so that
/// every node ranks alike. The search reads it through a short cache: a ranking a few minutes old is good enough.
/// </summary>
public sealed class ProcedureFilings(StatisticsReader reader, DossierSets sets, IMemoryCache cache, TimeProvider clock)
{
    public const int WindowDays = 365;
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private const string CacheKey = "catalog.procedure-filings";

    public async Task<IReadOnlyDictionary<int, int>> CountsAsync(CancellationToken ct) =>
        await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            return await CountNowAsync(ct);
        }) ?? new Dictionary<int, int>();

    /// <summary>The local days the counts cover: the last <see cref="WindowDays"/>, today included.</summary>
    public Period Window()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.Add(sets.Offset));
        return Period.Custom(today.AddDays(1 - WindowDays), today);
    }

    /// <summary>The counts straight from the buckets (drafts and dossiers refused at the desk were never received).</summary>
    public async Task<IReadOnlyDictionary<int, int>> CountNowAsync(CancellationToken ct)
    {
        var window = Window();
        var snapshot = await reader.ReadAsync(window, window.To, StatisticsScope.Province, ct: ct);
        return snapshot.ByProcedure().Where(p => p.Value.Received > 0).ToDictionary(p => p.Key, p => (int)p.Value.Received);
    }
}
