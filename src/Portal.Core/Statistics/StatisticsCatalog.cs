using Microsoft.EntityFrameworkCore;
using Portal.Core.Catalog;
using Portal.Core.Data;

namespace Portal.Core.Statistics;

/// <summary>Names and catalogue facts the reports print beside the numbers, loaded once per request.</summary>
public sealed class StatisticsCatalog
{
    public sealed record AgencyInfo(int Id, string Code, string Name, AgencyLevel Level);

    public sealed record SectorInfo(int Id, string Code, string Name);

    public sealed record ProcedureInfo(int Id, string Code, string Name, int SectorId, bool IsPublished, ServiceType ServiceType,
        bool HasFees, bool ResultIsDocument, IReadOnlyList<int>? AgencyIds);

    private StatisticsCatalog(List<AgencyInfo> agencies, List<SectorInfo> sectors, List<ProcedureInfo> procedures, IReadOnlySet<int> serving)
    {
        _serving = serving;
        Agencies = agencies.ToDictionary(a => a.Id);
        Sectors = sectors.ToDictionary(s => s.Id);
        Procedures = procedures.ToDictionary(p => p.Id);
    }

    public IReadOnlyDictionary<int, AgencyInfo> Agencies { get; }
    public IReadOnlyDictionary<int, SectorInfo> Sectors { get; }
    public IReadOnlyDictionary<int, ProcedureInfo> Procedures { get; }

    private readonly IReadOnlySet<int> _serving;

    /// <summary>The agencies that take in dossiers (those with at least one procedure), by name.</summary>
    public IEnumerable<AgencyInfo> ServingAgencies =>
        Agencies.Values.Where(a => _serving.Contains(a.Id)).OrderBy(a => a.Level).ThenBy(a => a.Name, StringComparer.Ordinal);

    /// <summary>The procedures an agency offers (all of them for the province); needs a catalogue loaded with them.</summary>
    public IEnumerable<ProcedureInfo> OfferedBy(int? agencyId) =>
        agencyId is null ? Procedures.Values : Procedures.Values.Where(p => p.AgencyIds?.Contains(agencyId.Value)
            ?? throw new InvalidOperationException("The catalogue was loaded without the agencies' procedures."));

    /// <summary>The province's own body (the level-1 agency), which signs province-wide reports.</summary>
    public string ProvinceName => Agencies.Values.FirstOrDefault(a => a.Level == AgencyLevel.Province)?.Name ?? "Toàn tỉnh";

    public string AgencyName(int id) => Agencies.TryGetValue(id, out var a) ? a.Name : $"#{id}";

    public string SectorName(int id) => Sectors.TryGetValue(id, out var s) ? s.Name : $"#{id}";

    public string ProcedureName(int id) => Procedures.TryGetValue(id, out var p) ? p.Name : $"#{id}";

    /// <param name="withOffers">Also load which agency offers which procedure (thousands of pairs; the scorecard needs them).</param>
    public static async Task<StatisticsCatalog> LoadAsync(PortalDb db, CancellationToken ct, bool withOffers = false)
    {
        var agencies = await db.Agencies.AsNoTracking().Select(a => new AgencyInfo(a.Id, a.Code, a.Name, a.Level)).ToListAsync(ct);
        var sectors = await db.Sectors.AsNoTracking().Select(s => new SectorInfo(s.Id, s.Code, s.Name)).ToListAsync(ct);
        // Only the columns the reports need: the versions' documents, forms and steps stay in the database.
        var procedures = await db.Procedures.AsNoTracking()
            .Select(p => new
            {
                p.Id,
                p.Code,
                p.Name,
                p.SectorId,
                p.IsPublished,
                ServiceType = p.CurrentVersion == null ? ServiceType.InformationOnly : p.CurrentVersion.ServiceType,
                ResultIsDocument = p.CurrentVersion == null || p.CurrentVersion.ResultIsDocument,
                Fees = p.CurrentVersion == null ? null : p.CurrentVersion.Fees,
            })
            .ToListAsync(ct);
        // A merged or closed agency no longer offers anything but its past figures stay pickable.
        var serving = (await db.ProcedureAgencies.AsNoTracking().Select(pa => pa.AgencyId)
            .Union(db.Agencies.AsNoTracking().Where(a => !a.IsActive).Select(a => a.Id)).ToListAsync(ct)).ToHashSet();
        Dictionary<int, IReadOnlyList<int>>? offered = null;
        if (withOffers)
        {
            offered = (await db.ProcedureAgencies.AsNoTracking().Select(pa => new { pa.ProcedureId, pa.AgencyId }).ToListAsync(ct))
                .GroupBy(pa => pa.ProcedureId).ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.Select(pa => pa.AgencyId).ToList());
        }

        return new StatisticsCatalog(agencies, sectors, procedures.Select(p => new ProcedureInfo(p.Id, p.Code, p.Name, p.SectorId, p.IsPublished,
            p.ServiceType, p.Fees?.Any(f => f.AmountVnd is > 0) ?? false, p.ResultIsDocument,
            offered is null ? null : offered.GetValueOrDefault(p.Id) ?? [])).ToList(), serving);
    }
}
