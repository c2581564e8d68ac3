using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Data;

namespace Portal.Core.Catalog;

/// <summary>
/// The citizens' catalogue (<c>/thu-tuc</c>): the filters narrow the published procedures in the database; the words
/// are read and ranked by <see cref="ProcedureMatcher"/> over what is left, with how often each is filed
/// (<see cref="ProcedureFilings"/>). The procedures are read on every search, so that one published a moment ago is
/// found at once on every node; a few thousand short rows are a few milliseconds (docs/ARCHITECTURE.md).
/// </summary>
public sealed class ProcedureSearch(PortalDb db, ProcedureFilings filings)
{
    public sealed record Filter(string? Query, int? SectorId, int? AgencyId, ServiceType? ServiceType);

    public sealed record Row(int Id, string Code, string Name, string Sector, ServiceType ServiceType, TimeLimit TimeLimit, AgencyLevel Level);

    /// <param name="Suggestions">The nearest procedures when none was found (<see cref="ProcedureMatcher.Outcome.None"/>).</param>
    /// <param name="Corrections">Typed words read as a word of the catalogue one letter away.</param>
    public sealed record Result(ProcedureMatcher.Outcome Outcome, IReadOnlyList<Row> Rows, int Total, int Page, int Pages,
        IReadOnlyList<Row> Suggestions, IReadOnlyList<(string Typed, string Read)> Corrections);

    private sealed record Candidate(Row Row, string? Description);

    public async Task<Result> SearchAsync(Filter filter, int page, int pageSize, CancellationToken ct)
    {
        var query = db.Procedures.AsNoTracking().Where(p => p.IsPublished && p.CurrentVersion != null);
        if (filter.SectorId is { } sector)
        {
            query = query.Where(p => p.SectorId == sector);
        }

        if (filter.AgencyId is { } agency)
        {
            query = query.Where(p => p.Agencies.Any(a => a.AgencyId == agency && a.Agency!.IsActive));
        }

        if (filter.ServiceType is { } level && Enum.IsDefined(level))
        {
            query = query.Where(p => p.CurrentVersion!.ServiceType == level);
        }

        var words = ProcedureMatcher.Parse(filter.Query);
        if (words.Text.Length == 0)
        {
            // Browsing: the catalogue's order, a page at a time from the database.
            var total = await query.CountAsync(ct);
            var (number, pages) = Paging(total, page, pageSize);
            var rows = await query.OrderBy(p => p.Sector!.Name).ThenBy(p => p.Name).Skip((number - 1) * pageSize).Take(pageSize)
                .Select(p => new Row(p.Id, p.Code, p.Name, p.Sector!.Name, p.CurrentVersion!.ServiceType, p.CurrentVersion.TimeLimit, p.Level))
                .ToListAsync(ct);
            return new Result(ProcedureMatcher.Outcome.Browse, rows, total, number, pages, [], []);
        }

        var candidates = await query
            .Select(p => new Candidate(new Row(p.Id, p.Code, p.Name, p.Sector!.Name, p.CurrentVersion!.ServiceType, p.CurrentVersion.TimeLimit, p.Level),
                p.CurrentVersion.ResultDescription))
            .ToListAsync(ct);
        var counts = await filings.CountsAsync(ct);
        var byId = candidates.ToDictionary(c => c.Row.Id, c => c.Row);
        // The result's description is searched too (a weaker match than the name): "sổ đỏ" is the certificate a land
        // procedure issues, not a word of its name.
        var entries = candidates.Select(c => ProcedureMatcher.Entry.Of(c.Row.Id, c.Row.Code, c.Row.Name, c.Description, c.Row.Sector,
            counts.GetValueOrDefault(c.Row.Id))).ToList();
        var ranking = ProcedureMatcher.Rank(words, entries);
        var (at, of) = Paging(ranking.Entries.Count, page, pageSize);
        return new Result(ranking.Outcome, [.. ranking.Entries.Skip((at - 1) * pageSize).Take(pageSize).Select(e => byId[e.Id])],
            ranking.Entries.Count, at, of, [.. ranking.Suggestions.Select(e => byId[e.Id])], ranking.Corrections);
    }

    private static (int Page, int Pages) Paging(int total, int page, int pageSize)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        return (Math.Clamp(page, 1, pages), pages);
    }
}
