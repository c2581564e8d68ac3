using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Core.Catalog;

/// <summary>
/// What the procedures administration reads: the searchable list, one procedure with its versions and offers, and a
/// version as a catalogue file (the same format as <c>Resources/Catalog/procedures</c>, so an export imports anywhere).
/// </summary>
public sealed class ProcedureCatalogue(PortalDb db)
{
    public const int PageSize = 100;

    public sealed record Row(int Id, string Code, string Name, string Sector, AgencyLevel Level, int? InForce, bool HasDraft, int Offers);

    public sealed record Search(IReadOnlyList<Row> Rows, int Total);

    public sealed record VersionRow(int Id, int Number, ProcedureVersionState State, DateOnly EffectiveFrom, string Name, bool InForce, bool Current, int Dossiers);

    public sealed record Details(Procedure Procedure, Sector Sector, IReadOnlyList<VersionRow> Versions, IReadOnlyList<AgencyDirectory.Option> Offered,
        IReadOnlyList<AgencyDirectory.Option> Choices);

    /// <summary>Procedures whose code or name (without diacritics) contains the query, by code; at most <see cref="PageSize"/>.</summary>
    public async Task<Search> SearchAsync(string? query, int? sectorId, AgencyLevel? level, CancellationToken ct)
    {
        var q = db.Procedures.AsNoTracking();
        var key = VietnameseText.SearchKey(query);
        if (key.Length > 0)
        {
            var code = VietnameseText.Normalize(query);
            q = q.Where(p => p.NameKey.Contains(key) || p.Code.Contains(code));
        }

        if (sectorId is { } sector)
        {
            q = q.Where(p => p.SectorId == sector);
        }

        if (level is { } l)
        {
            q = q.Where(p => p.Level == l);
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(p => p.Code).Take(PageSize)
            .Select(p => new Row(p.Id, p.Code, p.Name, p.Sector!.Name, p.Level,
                p.CurrentVersion == null ? null : p.CurrentVersion.Number,
                p.Versions.Any(v => v.State == ProcedureVersionState.Draft),
                p.Agencies.Count))
            .ToListAsync(ct);
        return new Search(rows, total);
    }

    public async Task<int?> FindAsync(string code, CancellationToken ct) =>
        await db.Procedures.Where(p => p.Code == code).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);

    /// <summary>Agencies a liên thông step can hand a dossier to: those in service.</summary>
    public async Task<IReadOnlyList<AgencyDirectory.Option>> AgencyCodesAsync(CancellationToken ct) =>
        await db.Agencies.AsNoTracking().Where(a => a.IsActive && a.MergedIntoId == null).OrderBy(a => a.Level).ThenBy(a => a.Name)
            .Select(a => new AgencyDirectory.Option(a.Id, a.Code, a.Name, a.Level)).ToListAsync(ct);

    public async Task<IReadOnlyList<Sector>> SectorsAsync(CancellationToken ct) =>
        await db.Sectors.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);

    public async Task<Details?> DetailsAsync(int id, DateOnly today, CancellationToken ct)
    {
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Versions).Include(p => p.Agencies).ThenInclude(a => a.Agency)
            .Include(p => p.Sector).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (procedure is null)
        {
            return null;
        }

        var dossiers = await db.Dossiers.Where(d => d.ProcedureId == id).GroupBy(d => d.ProcedureVersionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var inForce = procedure.VersionInForce(today);
        var versions = procedure.Versions.OrderByDescending(v => v.Number)
            .Select(v => new VersionRow(v.Id, v.Number, v.State, v.EffectiveFrom, v.Name, v.Id == inForce?.Id, v.Id == procedure.CurrentVersionId,
                dossiers.GetValueOrDefault(v.Id)))
            .ToList();
        var offered = procedure.Agencies.Select(a => a.Agency!).OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new AgencyDirectory.Option(a.Id, a.Code, a.Name, a.Level)).ToList();
        return new Details(procedure, procedure.Sector!, versions, offered, await ChoicesAsync(procedure.Level, ct));
    }

    /// <summary>The agencies that can offer a procedure of this level: of the same level, in service, not merged.</summary>
    public async Task<IReadOnlyList<AgencyDirectory.Option>> ChoicesAsync(AgencyLevel level, CancellationToken ct) =>
        await db.Agencies.AsNoTracking().Where(a => a.Level == level && a.IsActive && a.MergedIntoId == null)
            .OrderBy(a => a.Name).Select(a => new AgencyDirectory.Option(a.Id, a.Code, a.Name, a.Level)).ToListAsync(ct);

    /// <summary>
    /// A version as a catalogue definition. Where it is offered: the procedure's level when every agency that can offer it
    /// does, otherwise the codes of the agencies that do.
    /// </summary>
    public async Task<CatalogueDefinition?> DefinitionAsync(int procedureId, int number, CancellationToken ct)
    {
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Versions).Include(p => p.Sector)
            .Include(p => p.Agencies).ThenInclude(a => a.Agency).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == procedureId, ct);
        if (procedure?.Versions.SingleOrDefault(v => v.Number == number) is not { } version)
        {
            return null;
        }

        var choices = await ChoicesAsync(procedure.Level, ct);
        var offered = procedure.Agencies.Select(a => a.Agency!.Code).Order(StringComparer.Ordinal).ToList();
        var everywhere = choices.Count > 0 && choices.All(c => offered.Contains(c.Code));
        return Definition(procedure, procedure.Sector!, version, everywhere ? CatalogueOffering.AtLevel(procedure.Level) : new CatalogueOffering(null, offered));
    }

    public static CatalogueDefinition Definition(Procedure procedure, Sector sector, ProcedureVersion version, CatalogueOffering offering) =>
        new(procedure.Code, sector.Code, sector.Name, procedure.Level, version.ToFacts(), offering);

    /// <summary>The file name an export is saved under: the code, and the version when it is not the only one.</summary>
    public static string FileName(string code, int number) => $"{code}.v{number}.json";
}
