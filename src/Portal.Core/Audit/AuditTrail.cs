using System.Security.Claims;
using Portal.Core.Data;
using Portal.Core.Identity;

namespace Portal.Core.Audit;

/// <summary>Writes the audit trail: in the caller's unit of work for actions, on its own save for views.</summary>
public sealed class AuditTrail(PortalDb db, TimeProvider time)
{
    /// <summary>The person behind a request, with their roles, agency and address.</summary>
    public static AuditActor ActorOf(ClaimsPrincipal user, string? ipAddress) => new(
        user.UserId(),
        user.FullName(),
        string.Join(',', user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)),
        user.AgencyId(),
        ipAddress);

    /// <summary>Adds a line to be saved with the caller's changes (an action and its trace commit together).</summary>
    public void Add(AuditActor who, string action, long? dossierId, string? detail = null, long? documentId = null) =>
        db.AuditTrail.Add(new AuditEntry(time.GetUtcNow().UtcDateTime, who, action, dossierId, documentId, detail));

    /// <summary>Forgets the unsaved changes of a refused action, so that recording the refusal saves nothing of it.</summary>
    public void DiscardPending() => db.ChangeTracker.Clear();

    /// <summary>Records a view (of a dossier's personal data, a document) at once.</summary>
    public async Task RecordAsync(AuditActor who, string action, long? dossierId, string? detail = null, long? documentId = null, CancellationToken ct = default)
    {
        Add(who, action, dossierId, detail, documentId);
        await db.SaveChangesAsync(ct);
    }
}
