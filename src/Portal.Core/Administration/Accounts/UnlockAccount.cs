using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Security;

namespace Portal.Core.Administration.Accounts;

/// <summary>
/// Lifts the lockout that repeated failed codes set (lockout end and failure count back to nothing) and the wait that
/// wrong passwords from unknown browsers put on the account's name (<see cref="SignInThrottle"/>).
/// </summary>
public sealed class UnlockAccount(PortalDb db, TimeProvider time, AuditTrail audit, SignInThrottle throttle)
{
    public sealed record Command(Guid AccountId, string? Stamp);

    public static bool IsAvailable(Portal.Core.Identity.PortalUser user, DateTime now, bool nameWaits = false) =>
        nameWaits || (user.LockoutEnd is { } end && end.UtcDateTime > now);

    public async Task HandleAsync(Command command, AccountScope scope, CancellationToken ct)
    {
        var (user, _) = await scope.LoadAsync(db, command.AccountId, command.Stamp, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var waits = user.NormalizedEmail is not null && await throttle.IsDelayedAsync(user.NormalizedEmail, ct);
        DomainException.Ensure(IsAvailable(user, now, waits), "Tài khoản này không bị khóa.", "This account is not locked.");
        var until = user.LockoutEnd?.UtcDateTime ?? now;
        if (user.NormalizedEmail is not null)
        {
            await throttle.LiftAsync(user.NormalizedEmail, ct);
        }

        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        AccountScope.Touch(user);
        audit.Add(scope.Audit, AccountAuditActions.Unlock, null, $"{AccountScope.Subject(user)}; locked until: {until:yyyy-MM-dd HH:mm}Z → unlocked");
        await db.SaveChangesAsync(ct);
    }
}
