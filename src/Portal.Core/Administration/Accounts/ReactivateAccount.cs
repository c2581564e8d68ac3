using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Administration.Accounts;

/// <summary>Switches a deactivated account on again; the person signs in with their password as before.</summary>
public sealed class ReactivateAccount(PortalDb db, AuditTrail audit)
{
    public sealed record Command(Guid AccountId, string? Stamp);

    public static bool IsAvailable(Portal.Core.Identity.PortalUser user) => user.IsDeactivated;

    public async Task HandleAsync(Command command, AccountScope scope, CancellationToken ct)
    {
        var (user, _) = await scope.LoadAsync(db, command.AccountId, command.Stamp, ct);
        DomainException.Ensure(user.IsDeactivated, "Tài khoản này đang hoạt động.", "This account is active.");
        user.DeactivatedAt = null;
        AccountScope.Touch(user);
        audit.Add(scope.Audit, AccountAuditActions.Reactivate, null, $"{AccountScope.Subject(user)}; status: deactivated → active");
        await db.SaveChangesAsync(ct);
    }
}
