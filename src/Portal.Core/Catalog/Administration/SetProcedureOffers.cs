using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Catalog;

/// <summary>
/// The administrator chooses which agencies take in a procedure's dossiers (of its level, in service). Withdrawing an
/// offer takes no dossier away: those filed there stay and are finished there. Offers at agencies that can no longer be
/// chosen (merged, out of service) are left as they are.
/// </summary>
public sealed class SetProcedureOffers(PortalDb db, AuditTrail audit)
{
    public sealed record Result(int Added, int Withdrawn);

    public async Task<Result> HandleAsync(int procedureId, IReadOnlyCollection<int> agencyIds, AuditActor who, CancellationToken ct)
    {
        var procedure = await db.Procedures.Include(p => p.Agencies).ThenInclude(a => a.Agency).SingleOrDefaultAsync(p => p.Id == procedureId, ct)
            ?? throw new DomainException("Không tìm thấy thủ tục.", "The procedure was not found.");
        var choices = await db.Agencies.AsNoTracking().Where(a => a.Level == procedure.Level && a.IsActive && a.MergedIntoId == null)
            .ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        DomainException.Ensure(agencyIds.All(choices.ContainsKey),
            "Chỉ chọn được cơ quan cùng cấp với thủ tục và đang hoạt động.", "Only agencies of the procedure's level that are in service can be chosen.");
        var before = procedure.Agencies.Select(a => a.Agency!.Code).Order(StringComparer.Ordinal).ToList();
        var withdrawn = choices.Keys.Where(id => !agencyIds.Contains(id)).Count(procedure.WithdrawFrom);
        var added = agencyIds.Distinct().Count(procedure.OfferAt);
        if (added + withdrawn > 0)
        {
            var after = before.Where(c => !choices.ContainsValue(c)).Concat(agencyIds.Select(id => choices[id])).Distinct().Order(StringComparer.Ordinal).ToList();
            audit.Add(who, AuditActions.ProcedureOffers, null, AuditDetail.Change(new { procedure.Code, agencies = before }, new { procedure.Code, agencies = after }));
            await db.SaveChangesAsync(ct);
        }

        return new Result(added, withdrawn);
    }
}
