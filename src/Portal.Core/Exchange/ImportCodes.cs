using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Core.Exchange;

/// <summary>
/// The codes a leader may import with: each procedure (MaTTHC) at each agency (MaCoQuan) that offers it, the pairs the
/// importer accepts; an agency's leader gets only their agency's. In Vietnamese alphabetical order of agency, then procedure.
/// </summary>
public static class ImportCodes
{
    public sealed record Pair(string AgencyCode, string AgencyName, string ProcedureCode, string ProcedureName);

    public static async Task<IReadOnlyList<Pair>> LoadAsync(PortalDb db, int? agencyId, CancellationToken ct)
    {
        var offers = db.ProcedureAgencies.AsNoTracking();
        if (agencyId is { } own)
        {
            offers = offers.Where(o => o.AgencyId == own);
        }

        var pairs = await (from o in offers
                           join a in db.Agencies on o.AgencyId equals a.Id
                           join p in db.Procedures on o.ProcedureId equals p.Id
                           where p.CurrentVersionId != null
                           select new Pair(a.Code, a.Name, p.Code, p.Name)).ToListAsync(ct);
        return pairs.OrderBy(p => p.AgencyName, VietnameseText.Collation).ThenBy(p => p.AgencyCode, StringComparer.Ordinal)
            .ThenBy(p => p.ProcedureName, VietnameseText.Collation).ThenBy(p => p.ProcedureCode, StringComparer.Ordinal).ToList();
    }
}
