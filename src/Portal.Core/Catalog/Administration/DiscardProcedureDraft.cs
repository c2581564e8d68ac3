using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Catalog;

/// <summary>
/// The administrator throws a draft away. A procedure that never had a published version is removed with it (nothing
/// was ever filed on it); otherwise the version in force is untouched.
/// </summary>
public sealed class DiscardProcedureDraft(PortalDb db, AuditTrail audit)
{
    /// <returns>True when the whole procedure went with its draft.</returns>
    public async Task<bool> HandleAsync(int procedureId, AuditActor who, CancellationToken ct)
    {
        var procedure = await db.Procedures.Include(p => p.Versions).Include(p => p.Agencies).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == procedureId, ct)
            ?? throw new DomainException("Không tìm thấy thủ tục.", "The procedure was not found.");
        var draft = procedure.Draft ?? throw new DomainException("Thủ tục không có bản nháp.", "The procedure has no draft.");
        var before = SaveProcedureDraft.Summary(procedure, draft);
        procedure.RemoveDraft();
        db.ProcedureVersions.Remove(draft);
        var removed = procedure.Versions.Count == 0;
        if (removed)
        {
            db.Procedures.Remove(procedure);
        }

        audit.Add(who, AuditActions.ProcedureDiscard, null, AuditDetail.Change(before, new { removedProcedure = removed }));
        await db.SaveChangesAsync(ct);
        return removed;
    }
}
