using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Administration.Accounts;

/// <summary>Lifts the lockout that repeated failed sign-ins set (lockout end and failure count back to nothing).</summary>
public sealed class UnlockAccount(PortalDb db, TimeProvider time, AuditTrail audit)
{
    public sealed record Command(Guid AccountId, string? Stamp);

    public static bool IsAvailable(Portal.Core.Identity.PortalUser user, DateTime now) => user.LockoutEnd is { } end && end.UtcDateTime > now;

    public async Task HandleAsync(Command command, AccountScope scope, CancellationToken ct)
    {
        var (user, _) = await scope.LoadAsync(db, command.AccountId, command.Stamp, ct);
        var now = time.GetUtcNow().UtcDateTime;
        DomainException.Ensure(IsAvailable(user, now), "Tài khoản này không bị khóa.", "This account is not locked.");
        var until = user.LockoutEnd!.Value.UtcDateTime;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        AccountScope.Touch(user);
        audit.Add(scope.Audit, AccountAuditActions.Unlock, null, $"{AccountScope.Subject(user)}; locked until: {until:yyyy-MM-dd HH:mm}Z → unlocked");
        await db.SaveChangesAsync(ct);
    }
}
