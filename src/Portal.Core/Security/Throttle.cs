using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Security;

/// <summary>
/// Failures counted per key in the database, so that every web node sees the same counts and the same blocks (the
/// ASP.NET rate limiter of the web host counts per node, in memory, and per client address only). A key names what is
/// counted, purpose first: <c>lookup-code:{dossier code}</c> (<see cref="LookupLockout"/>), and for sign-in
/// <c>signin-account:{normalised user name}</c> and <c>signin-address:{ClientAddress.Partition(ip)}</c>. The policy is the caller's,
/// given with each failure (<see cref="ThrottlePolicy.Fixed"/>, <see cref="ThrottlePolicy.Growing"/>).
/// <para>
/// The usual shape: <see cref="CheckAsync"/> before the attempt, and while blocked refuse without looking at the
/// secret; <see cref="FailAsync"/> after a wrong one (its state says whether the key is now blocked, and whether this
/// failure started the block, to tell the owner once); <see cref="ResetAsync"/> after a right one where success
/// forgives (a sign-in), or not at all where it must not (the lookup: a right PIN does not clear a stranger's guesses).
/// </para>
/// <para>
/// Check-then-fail lets a burst of attempts that all passed the check be evaluated. Where one right answer among
/// them must not be revealed (a 6-digit PIN), answer "blocked" to every failure counted while blocked and check again
/// after a right attempt, before showing anything: then at most <see cref="ThrottlePolicy.Limit"/> answers of a window
/// say right or wrong (<see cref="LookupLockout"/>).
/// </para>
/// <para>
/// Each failure is one transaction: an upsert inserts the key's row or locks the existing one (PostgreSQL holds the
/// row lock, SQLite the write lock, until the commit), the counter's rules run on what it returned, and the row is
/// written back. Two nodes failing at once are counted one after the other, both. Inside a transaction the caller
/// already has, the failure is part of it (the lock held until the caller commits; a rollback uncounts it).
/// </para>
/// </summary>
public sealed class Throttle(PortalDb db, TimeProvider time)
{
    /// <summary>How long an idle, unblocked row is kept (<see cref="CleanThrottleCountersJob"/>); no policy's window is longer.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    /// <summary>Room for a purpose and a normalised e-mail address (256), so that sign-in can count names that match no account.</summary>
    public const int MaxKeyLength = 300;

    /// <summary>
    /// The row of key {0} at time {1}: inserted with no failures, or, when it exists, "updated" to itself, which locks
    /// it and returns it as the last commit left it. The same statement on SQLite ≥ 3.35 and PostgreSQL.
    /// </summary>
    private const string LockRow = """
        INSERT INTO "ThrottleCounters" ("Key", "Failures", "WindowStart", "LastAt") VALUES ({0}, 0, {1}, {1})
        ON CONFLICT ("Key") DO UPDATE SET "Failures" = "ThrottleCounters"."Failures"
        RETURNING "Key", "Failures", "WindowStart", "BlockedUntil", "LastAt"
        """;

    /// <summary>Whether <paramref name="key"/> is blocked now, and until when.</summary>
    public async Task<ThrottleState> CheckAsync(string key, CancellationToken ct = default)
    {
        Validate(key);
        var counter = await db.ThrottleCounters.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key, ct);
        return counter?.StateAt(Now) ?? ThrottleState.Clear;
    }

    /// <summary>Counts one failure of <paramref name="key"/> under <paramref name="policy"/>; the state after it.</summary>
    public async Task<ThrottleState> FailAsync(string key, ThrottlePolicy policy, CancellationToken ct = default)
    {
        Validate(key);
        ArgumentNullException.ThrowIfNull(policy);
        var at = Now;
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var counter = (await db.ThrottleCounters.FromSqlRaw(LockRow, key, at).AsNoTracking().ToListAsync(ct)).Single();
        var state = counter.Fail(at, policy);
        await db.ThrottleCounters.Where(c => c.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Failures, counter.Failures)
            .SetProperty(c => c.WindowStart, counter.WindowStart)
            .SetProperty(c => c.BlockedUntil, counter.BlockedUntil)
            .SetProperty(c => c.LastAt, counter.LastAt), ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return state;
    }

    /// <summary>Forgets every failure of <paramref name="key"/> and lifts its block.</summary>
    public async Task ResetAsync(string key, CancellationToken ct = default)
    {
        Validate(key);
        await db.ThrottleCounters.Where(c => c.Key == key).ExecuteDeleteAsync(ct);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static void Validate(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, MaxKeyLength, nameof(key));
    }
}
