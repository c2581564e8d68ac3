using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Administration.Accounts;

/// <summary>
/// For an official who lost their phone: two-step verification off, the authenticator key and the recovery codes
/// removed (a new key is drawn when they enrol again), and sessions and remembered devices ended.
/// </summary>
public sealed class ResetTwoFactor(PortalDb db, AuditTrail audit)
{
    /// <summary>Where Identity's EF store keeps the authenticator key and the recovery codes.</summary>
    public const string TokenProvider = "[AspNetUserStore]";

    public sealed record Command(Guid AccountId, string? Stamp);

    public async Task HandleAsync(Command command, AccountScope scope, CancellationToken ct)
    {
        var (user, _) = await scope.LoadAsync(db, command.AccountId, command.Stamp, ct);
        var before = user.TwoFactorEnabled ? "on" : "off";
        user.TwoFactorEnabled = false;
        db.UserTokens.RemoveRange(db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == TokenProvider
            && (t.Name == "AuthenticatorKey" || t.Name == "RecoveryCodes")));
        AccountScope.EndSessions(user);
        AccountScope.Touch(user);
        audit.Add(scope.Audit, AccountAuditActions.ResetTwoFactor, null, $"{AccountScope.Subject(user)}; 2fa: {before} → off, key and recovery codes removed");
        await db.SaveChangesAsync(ct);
    }
}
