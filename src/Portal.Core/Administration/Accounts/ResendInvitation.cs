using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Administration.Accounts;

/// <summary>Sends the set-password mail again (the earlier link may have expired); only while the account has no password.</summary>
public sealed class ResendInvitation(PortalDb db, TimeProvider time, AuditTrail audit)
{
    public sealed record Command(Guid AccountId, string? Stamp);

    public static bool IsAvailable(Portal.Core.Identity.PortalUser user) => user.PasswordHash is null && !user.IsDeactivated;

    public async Task HandleAsync(Command command, AccountScope scope, CancellationToken ct)
    {
        var (user, _) = await scope.LoadAsync(db, command.AccountId, command.Stamp, ct);
        DomainException.Ensure(IsAvailable(user), "Tài khoản đã có mật khẩu hoặc đã bị vô hiệu hóa; không cần gửi lời mời.",
            "The account already has a password or is deactivated; no invitation is needed.");
        AccountScope.Touch(user);
        db.Outbox.Add(AccountInvitation.For(user, time.GetUtcNow().UtcDateTime));
        audit.Add(scope.Audit, AccountAuditActions.Invite, null, $"{AccountScope.Subject(user)}; invitation sent again");
        await db.SaveChangesAsync(ct);
    }
}
