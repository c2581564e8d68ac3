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
        bool HasFees, bool ResultIsDocument, IReadOnlyList<int> AgencyIds);

    private StatisticsCatalog(List<AgencyInfo> agencies, List<SectorInfo> sectors, List<ProcedureInfo> procedures)
    {
        Agencies = agencies.ToDictionary(a => a.Id);
        Sectors = sectors.ToDictionary(s => s.Id);
        Procedures = procedures.ToDictionary(p => p.Id);
    }

    public IReadOnlyDictionary<int, AgencyInfo> Agencies { get; }
    public IReadOnlyDictionary<int, SectorInfo> Sectors { get; }
    public IReadOnlyDictionary<int, ProcedureInfo> Procedures { get; }

    /// <summary>The agencies that take in dossiers (those with at least one procedure), by name.</summary>
    public IEnumerable<AgencyInfo> ServingAgencies =>
        Agencies.Values.Where(a => Procedures.Values.Any(p => p.AgencyIds.Contains(a.Id))).OrderBy(a => a.Level).ThenBy(a => a.Name, StringComparer.Ordinal);

    public IEnumerable<ProcedureInfo> OfferedBy(int? agencyId) =>
        agencyId is null ? Procedures.Values : Procedures.Values.Where(p => p.AgencyIds.Contains(agencyId.Value));

    /// <summary>The province's own body (the level-1 agency), which signs province-wide reports.</summary>
    public string ProvinceName => Agencies.Values.FirstOrDefault(a => a.Level == AgencyLevel.Province)?.Name ?? "Toàn tỉnh";

    public string AgencyName(int id) => Agencies.TryGetValue(id, out var a) ? a.Name : $"#{id}";

    public string SectorName(int id) => Sectors.TryGetValue(id, out var s) ? s.Name : $"#{id}";

    public string ProcedureName(int id) => Procedures.TryGetValue(id, out var p) ? p.Name : $"#{id}";

    public static async Task<StatisticsCatalog> LoadAsync(PortalDb db, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().Select(a => new AgencyInfo(a.Id, a.Code, a.Name, a.Level)).ToListAsync(ct);
        var sectors = await db.Sectors.AsNoTracking().Select(s => new SectorInfo(s.Id, s.Code, s.Name)).ToListAsync(ct);
        var procedures = await db.Procedures.AsNoTracking().Include(p => p.CurrentVersion).Include(p => p.Agencies).ToListAsync(ct);
        return new StatisticsCatalog(agencies, sectors, procedures.Select(p => new ProcedureInfo(p.Id, p.Code, p.Name, p.SectorId, p.IsPublished,
            p.CurrentVersion?.ServiceType ?? ServiceType.InformationOnly, p.CurrentVersion?.HasFees ?? false, p.CurrentVersion?.ResultIsDocument ?? true,
            p.Agencies.Select(a => a.AgencyId).ToList())).ToList());
    }
}
