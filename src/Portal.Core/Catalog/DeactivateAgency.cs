using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Catalog;

/// <summary>Takes an agency with no open dossiers out of service: it stays, with its history, and takes no new dossiers.</summary>
public sealed class DeactivateAgency(PortalDb db, AuditTrail audit)
{
    public sealed record Command(int AgencyId);

    /// <summary>The page draws the button when this holds; the handler and the aggregate enforce it.</summary>
    public static bool IsAvailable(Agency agency, int openDossiers) =>
        agency.IsActive && agency.Level != AgencyLevel.Province && openDossiers == 0;

    public async Task HandleAsync(Command command, AuditActor who, CancellationToken ct)
    {
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == command.AgencyId, ct)
            ?? throw new DomainException("Không tìm thấy cơ quan.", "The agency was not found.");
        var open = await db.Dossiers.CountAsync(d => d.AgencyId == agency.Id && MergeAgencies.OpenStatuses.Contains(d.Status), ct);
        DomainException.Ensure(open == 0, $"Cơ quan còn {open} hồ sơ đang giải quyết; giải quyết xong hoặc sáp nhập cơ quan trước.",
            $"The agency still has {open} open dossiers; finish them or merge the agency first.");
        DomainException.Ensure(!await db.Agencies.AnyAsync(a => a.ParentId == agency.Id && a.IsActive, ct),
            "Cơ quan còn đơn vị trực thuộc đang hoạt động.", "The agency still has units under it in service.");
        var before = AgencyAudit.Facts(agency);
        agency.Deactivate();
        audit.Add(who, AuditActions.AgencyDeactivate, null, AuditDetail.Change(before, AgencyAudit.Facts(agency)));
        await db.SaveChangesAsync(ct);
    }
}
