using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Administration.Accounts;

/// <summary>
/// Switches an official's account off: it can no longer sign in, and its open sessions end at their next
/// security-stamp check (a new stamp; see Identity:SessionCheckInterval). Nobody deactivates their own account.
/// </summary>
public sealed class DeactivateAccount(PortalDb db, TimeProvider time, AuditTrail audit)
{
    public sealed record Command(Guid AccountId, string? Stamp);

    public static bool IsAvailable(Portal.Core.Identity.PortalUser user, AccountScope scope) => !user.IsDeactivated && user.Id != scope.UserId;

    public async Task HandleAsync(Command command, AccountScope scope, CancellationToken ct)
    {
        var (user, _) = await scope.LoadAsync(db, command.AccountId, command.Stamp, ct);
        DomainException.Ensure(user.Id != scope.UserId, "Bạn không thể tự vô hiệu hóa tài khoản của mình.", "You cannot deactivate your own account.");
        DomainException.Ensure(!user.IsDeactivated, "Tài khoản này đã bị vô hiệu hóa.", "This account is already deactivated.");
        user.DeactivatedAt = time.GetUtcNow().UtcDateTime;
        AccountScope.EndSessions(user);
        AccountScope.Touch(user);
        audit.Add(scope.Audit, AccountAuditActions.Deactivate, null, $"{AccountScope.Subject(user)}; status: active → deactivated");
        await db.SaveChangesAsync(ct);
    }
}
