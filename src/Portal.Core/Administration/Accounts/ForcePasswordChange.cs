using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Administration.Accounts;

/// <summary>The person must choose a new password at their next page (their sessions pick the flag up at the next stamp check).</summary>
public sealed class ForcePasswordChange(PortalDb db, AuditTrail audit)
{
    public sealed record Command(Guid AccountId, string? Stamp);

    public static bool IsAvailable(Portal.Core.Identity.PortalUser user) => !user.MustChangePassword && user.PasswordHash is not null;

    public async Task HandleAsync(Command command, AccountScope scope, CancellationToken ct)
    {
        var (user, _) = await scope.LoadAsync(db, command.AccountId, command.Stamp, ct);
        DomainException.Ensure(IsAvailable(user), "Tài khoản chưa có mật khẩu hoặc đã phải đổi mật khẩu.",
            "The account has no password yet, or must already change it.");
        user.MustChangePassword = true;
        AccountScope.Touch(user);
        audit.Add(scope.Audit, AccountAuditActions.ForcePasswordChange, null, $"{AccountScope.Subject(user)}; must change password: no → yes");
        await db.SaveChangesAsync(ct);
    }
}
