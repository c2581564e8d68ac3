using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Statistics;

/// <summary>
/// Dossiers imported from a legacy system bring no pause history: the exchange format carries the number of supplements
/// and the paused hours, not when the pauses were. One awaiting a supplement counts as paused from its import on; on a
/// reading day before that, the portal cannot tell which legacy dossiers were paused, and the pages say so.
/// </summary>
public static class LegacyPauseHistory
{
    /// <summary>The local day the first import that may have brought dossiers after <paramref name="asOf"/> began, or null if none did.</summary>
    public static async Task<DateOnly?> ImportedAfterAsync(PortalDb db, DossierSets sets, DateOnly asOf, int? agencyId, CancellationToken ct)
    {
        var end = sets.StartOf(asOf.AddDays(1));
        var began = await db.ImportRuns.AsNoTracking()
            .Where(r => r.ImportedRows > 0 && (r.FinishedAt == null || r.FinishedAt >= end) && (agencyId == null || r.AgencyId == null || r.AgencyId == agencyId))
            .MinAsync(r => (DateTime?)(r.StartedAt ?? r.CreatedAt), ct);
        return began is { } at ? DateOnly.FromDateTime(at + sets.Offset) : null;
    }
}
