using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Catalog;

/// <summary>
/// Which procedures a new agency offers from its first day. A commune offers every commune-level procedure that
/// another commune in service offers today, besides what the catalogue files offer there (<see cref="CatalogueSync.OfferAtAsync"/>,
/// called first); a department's procedures are its own and are offered procedure by procedure.
/// </summary>
public static class AgencyOfferings
{
    /// <returns>How many procedures were offered at the agency.</returns>
    public static async Task<int> OfferLevelWideAsync(PortalDb db, Agency agency, CancellationToken ct)
    {
        if (agency.Level != AgencyLevel.Commune)
        {
            return 0;
        }

        var procedures = await db.Procedures
            .Where(p => p.Level == AgencyLevel.Commune
                && db.ProcedureAgencies.Any(pa => pa.ProcedureId == p.Id && pa.AgencyId != agency.Id
                    && db.Agencies.Any(a => a.Id == pa.AgencyId && a.Level == AgencyLevel.Commune && a.IsActive))
                && !db.ProcedureAgencies.Any(pa => pa.ProcedureId == p.Id && pa.AgencyId == agency.Id))
            .Select(p => p.Id).ToListAsync(ct);
        foreach (var procedureId in procedures)
        {
            db.ProcedureAgencies.Add(new ProcedureAgency(procedureId, agency.Id));
        }

        return procedures.Count;
    }
}
