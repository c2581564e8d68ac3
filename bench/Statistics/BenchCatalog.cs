using System.Globalization;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;

namespace Portal.Bench.Statistics;

/// <summary>
/// A province-sized catalogue: the province, 20 departments and 114 communes (Hải Phòng's count after the 2025 merger);
/// 60 commune procedures offered by every commune, 10 procedures per department; about 7 000 agency × procedure pairs.
/// </summary>
public sealed record BenchCatalog(List<BenchCatalog.Pair> Pairs, Dictionary<int, bool> ResultIsDocument)
{
    public sealed record Pair(int AgencyId, int SectorId, int ProcedureId, int VersionId, TimeLimit Limit, bool ResultIsDocument, bool HasFees, bool Commune);

    public static async Task<BenchCatalog> CreateAsync(PortalDb db, CancellationToken ct)
    {
        var province = new Agency("000.00.00.H31", "Ủy ban nhân dân thành phố (thử tải)", AgencyLevel.Province);
        db.Agencies.Add(province);
        await db.SaveChangesAsync(ct);
        var departments = Enumerable.Range(1, 20).Select(i => new Agency(Code($"000.00.{i:00}.H31"), $"Sở thử tải {i}", AgencyLevel.Department, province.Id)).ToList();
        var communes = Enumerable.Range(1, 114).Select(i => new Agency(Code($"000.{20 + (i / 100):00}.{i % 100:00}.H31"), $"Ủy ban nhân dân xã thử tải {i}", AgencyLevel.Commune, province.Id)).ToList();
        db.Agencies.AddRange(departments);
        db.Agencies.AddRange(communes);
        var sectors = Enumerable.Range(1, 48).Select(i => new Sector(Code($"BLV{i:00}"), $"Lĩnh vực thử tải {i}")).ToList();
        db.Sectors.AddRange(sectors);
        await db.SaveChangesAsync(ct);

        var limits = new[] { TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(3), TimeLimit.WorkingDays(5), TimeLimit.WorkingDays(10), TimeLimit.WorkingDays(15), new TimeLimit(8, TimeLimitUnit.WorkingHours) };
        var procedures = new List<(Procedure Procedure, ProcedureVersion Version, List<Agency> At, bool Commune)>();
        for (var i = 0; i < 260; i++)
        {
            var commune = i < 60;
            var sector = commune ? sectors[i % 8] : sectors[8 + ((i - 60) / 5)];
            var procedure = new Procedure(Code($"9.{i:000000}"), $"Thủ tục thử tải {i}", sector.Id, commune ? AgencyLevel.Commune : AgencyLevel.Department);
            var limit = limits[i % limits.Length];
            var version = procedure.AddVersion(new ProcedureVersionFacts($"Thủ tục thử tải {i}", new DateOnly(2020, 1, 1), i % 4 == 3 ? ServiceType.PartialOnline : ServiceType.FullOnline,
                limit, null, [new Fee("Lệ phí", i % 3 == 0 ? 50_000 : 0, null)], [new RequiredDocument("Tờ khai", DocumentForm.Original, 1, true)], i % 5 != 4, "Kết quả",
                [], [], [], null, null, null));
            var at = commune ? communes : [departments[(i - 60) / 10]];
            foreach (var agency in at)
            {
                procedure.OfferAt(agency.Id);
            }

            db.Procedures.Add(procedure);
            procedures.Add((procedure, version, at, commune));
        }

        await db.SaveChangesAsync(ct);
        foreach (var (procedure, version, _, _) in procedures)
        {
            procedure.MakeCurrent(version);
        }

        await db.SaveChangesAsync(ct);
        var pairs = procedures.SelectMany(p => p.At.Select(a => new Pair(a.Id, p.Procedure.SectorId, p.Procedure.Id, p.Version.Id, p.Version.TimeLimit,
            p.Version.ResultIsDocument, p.Version.HasFees, p.Commune))).ToList();
        return new BenchCatalog(pairs, procedures.ToDictionary(p => p.Version.Id, p => p.Version.ResultIsDocument));
    }

    private static string Code(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
