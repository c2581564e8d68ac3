using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Core.Catalog;

/// <summary>The agency tree of the administration page and one agency's details (page read models).</summary>
public sealed class AgencyDirectory(PortalDb db)
{
    public sealed record Row(int Id, string Code, string Name, AgencyLevel Level, int? ParentId, int Depth, bool IsActive,
        string? MergedInto, DateOnly? MergedAt, int Officials, int Procedures, bool Matches);

    public sealed record Option(int Id, string Code, string Name, AgencyLevel Level);

    public sealed record Details(Agency Agency, string? ParentName, string? MergedIntoName, IReadOnlyList<Option> MergedFrom,
        int Officials, int Procedures, int OpenDossiers, bool CanDeactivate);

    /// <summary>
    /// Every agency as a tree (the province, under it departments, then communes and wards, each by name); with a
    /// search, the agencies whose name or code matches (diacritics ignored) and the agencies above them.
    /// </summary>
    public async Task<IReadOnlyList<Row>> TreeAsync(string? query, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking()
            .Select(a => new { a.Id, a.Code, a.Name, a.Level, a.ParentId, a.IsActive, a.MergedIntoId, a.MergedAt })
            .ToListAsync(ct);
        var officials = await db.Users.AsNoTracking().Where(u => u.AgencyId != null)
            .GroupBy(u => u.AgencyId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var procedures = await db.ProcedureAgencies.AsNoTracking()
            .GroupBy(pa => pa.AgencyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byId = agencies.ToDictionary(a => a.Id);
        var key = VietnameseText.SearchKey(query);
        var matching = key.Length == 0 ? null : agencies
            .Where(a => VietnameseText.SearchKey(a.Name).Contains(key, StringComparison.Ordinal) || a.Code.Contains(query!.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Id).ToHashSet();
        var shown = matching is null ? null : new HashSet<int>();
        if (matching is not null)
        {
            foreach (var id in matching)
            {
                // A cycle cannot be written through the use cases; the guard keeps a hand-edited database from hanging the page.
                for (int? at = id; at is { } current && byId.ContainsKey(current) && shown!.Add(current);)
                {
                    at = byId[current].ParentId;
                }
            }
        }

        var children = agencies.ToLookup(a => a.ParentId is { } p && byId.ContainsKey(p) ? p : (int?)null);
        var rows = new List<Row>();
        var visited = new HashSet<int>();
        void Walk(int? parent, int depth)
        {
            foreach (var a in children[parent].OrderBy(a => a.Level).ThenBy(a => !a.IsActive).ThenBy(a => a.Name, StringComparer.Ordinal))
            {
                if (!visited.Add(a.Id) || (shown is not null && !shown.Contains(a.Id)))
                {
                    continue;
                }

                rows.Add(new Row(a.Id, a.Code, a.Name, a.Level, a.ParentId, depth, a.IsActive,
                    a.MergedIntoId is { } m && byId.TryGetValue(m, out var into) ? into.Name : null, a.MergedAt,
                    officials.GetValueOrDefault(a.Id), procedures.GetValueOrDefault(a.Id), matching?.Contains(a.Id) ?? false));
                Walk(a.Id, depth + 1);
            }
        }

        Walk(null, 0);
        return rows;
    }

    /// <summary>Agencies in service, to choose a parent or the agency a merger goes into.</summary>
    public async Task<IReadOnlyList<Option>> InServiceAsync(CancellationToken ct) =>
        (await db.Agencies.AsNoTracking().Where(a => a.IsActive).Select(a => new Option(a.Id, a.Code, a.Name, a.Level)).ToListAsync(ct))
        .OrderBy(a => a.Level).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();

    public async Task<Details?> DetailsAsync(int id, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().Include(a => a.FormerNames).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null)
        {
            return null;
        }

        var parent = agency.ParentId is { } p ? await db.Agencies.Where(a => a.Id == p).Select(a => a.Name).SingleOrDefaultAsync(ct) : null;
        var into = agency.MergedIntoId is { } m ? await db.Agencies.Where(a => a.Id == m).Select(a => a.Name).SingleOrDefaultAsync(ct) : null;
        var from = (await db.Agencies.AsNoTracking().Where(a => a.MergedIntoId == id).Select(a => new Option(a.Id, a.Code, a.Name, a.Level)).ToListAsync(ct))
            .OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        var open = await db.Dossiers.CountAsync(d => d.AgencyId == id && MergeAgencies.OpenStatuses.Contains(d.Status), ct);
        return new Details(agency, parent, into, from,
            await db.Users.CountAsync(u => u.AgencyId == id, ct),
            await db.ProcedureAgencies.CountAsync(pa => pa.AgencyId == id, ct),
            open,
            DeactivateAgency.IsAvailable(agency, open));
    }
}
