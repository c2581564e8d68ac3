using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Core.Catalog;

/// <summary>
/// The citizens' catalogue (<c>/thu-tuc</c>): the filters narrow the published procedures in the database; the words
/// are read and ranked by <see cref="ProcedureMatcher"/> over what is left, with how often each is filed
/// (<see cref="ProcedureFilings"/>). The procedures are read on every search, so that one published a moment ago is
/// found at once on every node; what is kept between searches is derived from published versions only (their folded
/// text), the same on every node. Measured in bench/Search (docs/ARCHITECTURE.md).
/// </summary>
public sealed class ProcedureSearch(PortalDb db, ProcedureFilings filings, IMemoryCache cache)
{
    public sealed record Filter(string? Query, int? SectorId, int? AgencyId, ServiceType? ServiceType);

    public sealed record Row(int Id, string Code, string Name, string Sector, ServiceType ServiceType, TimeLimit TimeLimit, AgencyLevel Level);

    /// <param name="Suggestions">The nearest procedures when none was found (<see cref="ProcedureMatcher.Outcome.None"/>).</param>
    /// <param name="Corrections">Typed words read as a word of the catalogue one letter away.</param>
    public sealed record Result(ProcedureMatcher.Outcome Outcome, IReadOnlyList<Row> Rows, int Total, int Page, int Pages,
        IReadOnlyList<Row> Suggestions, IReadOnlyList<(string Typed, string Read)> Corrections);

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

        // What the words are matched on: short columns of every candidate, read on every search. The result's description
        // is searched too (a weaker match than the name: "sổ đỏ" is the certificate a land procedure issues, not a word
        // of its name); it is folded once per version and kept (a published version's text does not change, so every
        // node keeps the same).
        var keys = await query.Select(p => new { p.Id, p.Code, p.Name, p.SectorId, VersionId = p.CurrentVersionId!.Value }).ToListAsync(ct);
        var sectors = await SectorKeysAsync(ct);
        var folded = new ProcedureMatcher.Entry[keys.Count];
        var missing = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (cache.TryGetValue(EntryKey(keys[i].VersionId, sectors.GetValueOrDefault(keys[i].SectorId)), out ProcedureMatcher.Entry? kept) && kept is not null)
            {
                folded[i] = kept;
            }
            else
            {
                missing.Add(keys[i].VersionId);
            }
        }

        if (missing.Count > 0)
        {
            var descriptions = await db.ProcedureVersions.AsNoTracking().Where(v => missing.Contains(v.Id))
                .Select(v => new { v.Id, v.ResultDescription }).ToDictionaryAsync(v => v.Id, v => v.ResultDescription, ct);
            for (var i = 0; i < keys.Count; i++)
            {
                if (folded[i] is null)
                {
                    var k = keys[i];
                    var sectorKey = sectors.GetValueOrDefault(k.SectorId) ?? string.Empty;
                    folded[i] = cache.Set(EntryKey(k.VersionId, sectorKey), new ProcedureMatcher.Entry(k.Id, k.Code, k.Name, VietnameseText.SearchKey(k.Name),
                        VietnameseText.SearchKey(descriptions.GetValueOrDefault(k.VersionId)), sectorKey, 0), KeepFolded);
                }
            }
        }

        var counts = await filings.CountsAsync(ct);
        var entries = folded.Select(e => e with { Filed = counts.GetValueOrDefault(e.Id) }).ToList();
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', entries.Select(e => $"{e.Id}:{e.NameKey}:{e.SectorKey}").Order(StringComparer.Ordinal)))));
        var vocabulary = cache.GetOrCreate(("catalog.search-vocabulary", fingerprint), e =>
        {
            e.SetOptions(KeepFolded);
            return ProcedureMatcher.Vocabulary(entries);
        });
        var ranking = ProcedureMatcher.Rank(words, entries, vocabulary);
        var (at, of) = Paging(ranking.Entries.Count, page, pageSize);
        var shown = ranking.Entries.Skip((at - 1) * pageSize).Take(pageSize).Select(e => e.Id).ToList();
        var suggested = ranking.Suggestions.Select(e => e.Id).ToList();
        var wanted = shown.Concat(suggested).ToList();
        var found = (await db.Procedures.AsNoTracking().Where(p => wanted.Contains(p.Id))
            .Select(p => new Row(p.Id, p.Code, p.Name, p.Sector!.Name, p.CurrentVersion!.ServiceType, p.CurrentVersion.TimeLimit, p.Level))
            .ToListAsync(ct)).ToDictionary(r => r.Id);
        return new Result(ranking.Outcome, [.. shown.Select(id => found[id])], ranking.Entries.Count, at, of, [.. suggested.Select(id => found[id])],
            ranking.Corrections);
    }

    private static readonly MemoryCacheEntryOptions KeepFolded = new() { SlidingExpiration = TimeSpan.FromMinutes(30) };

    private static (string, int, string?) EntryKey(int versionId, string? sector) => ("catalog.search-entry", versionId, sector);

    /// <summary>The sectors' names folded (a handful of rows; a renamed sector is seen at once).</summary>
    private async Task<Dictionary<int, string>> SectorKeysAsync(CancellationToken ct) =>
        (await db.Sectors.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(ct)).ToDictionary(s => s.Id, s => VietnameseText.SearchKey(s.Name));

    private static (int Page, int Pages) Paging(int total, int page, int pageSize)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        return (Math.Clamp(page, 1, pages), pages);
    }
}
