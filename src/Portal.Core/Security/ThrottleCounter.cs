using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Security;

/// <summary>What the throttle knows about a key at one moment.</summary>
/// <param name="Failures">The failures of the key's current window (from <see cref="Throttle.FailAsync"/>: this one included).</param>
/// <param name="BlockedUntil">When the block in force ends; null while none is.</param>
/// <param name="StartedBlock">From <see cref="Throttle.FailAsync"/>: this very failure started the block, the cue to tell someone once.</param>
public sealed record ThrottleState(int Failures, DateTime? BlockedUntil, bool StartedBlock = false)
{
    public static readonly ThrottleState Clear = new(0, null);

    public bool IsBlocked => BlockedUntil is not null;

    /// <summary>Whole seconds until the block ends, at least one while blocked (a Retry-After header); zero when not blocked.</summary>
    public int RetryAfterSeconds(DateTime at) =>
        BlockedUntil is { } until && until > at ? (int)Math.Ceiling((until - at).TotalSeconds) : 0;
}

/// <summary>
/// The failures counted against one throttle key, one row shared by every node. Its rules are here; the
/// <see cref="Throttle"/> only loads it under a lock and writes it back.
/// </summary>
public sealed class ThrottleCounter
{
    private ThrottleCounter()
    {
        Key = string.Empty;
    }

    /// <summary>What is counted, purpose first: "lookup-code:…", "signin-account:…", "signin-address:…".</summary>
    public string Key { get; private set; }

    public int Failures { get; private set; }

    /// <summary>When the first failure of the current window was counted.</summary>
    public DateTime WindowStart { get; private set; }

    /// <summary>The end of the last block; in the past once it is over.</summary>
    public DateTime? BlockedUntil { get; private set; }

    /// <summary>The last failure (what the clean-up goes by).</summary>
    public DateTime LastAt { get; private set; }

    public ThrottleState StateAt(DateTime at) => new(Failures, BlockedUntil > at ? BlockedUntil : null);

    /// <summary>
    /// Counts one failure at <paramref name="at"/>. A failure counted while a block is in force neither lengthens
    /// nor restarts it (attempts that raced past the caller's check), so a block ends when it was said to end.
    /// </summary>
    public ThrottleState Fail(DateTime at, ThrottlePolicy policy)
    {
        var blocked = BlockedUntil > at;
        if (!blocked && (Failures == 0 || at >= WindowStart + policy.Window))
        {
            Failures = 0;
            WindowStart = at;
            BlockedUntil = null;
        }

        Failures++;
        LastAt = at;
        if (blocked || Failures < policy.Limit)
        {
            return StateAt(at);
        }

        BlockedUntil = at + policy.BlockFor(Failures);
        return StateAt(at) with { StartedBlock = true };
    }
}

internal sealed class ThrottleCounterConfiguration : IEntityTypeConfiguration<ThrottleCounter>
{
    public void Configure(EntityTypeBuilder<ThrottleCounter> builder)
    {
        builder.HasKey(x => x.Key);
        builder.Property(x => x.Key).HasMaxLength(Throttle.MaxKeyLength);
        builder.HasIndex(x => x.LastAt);
    }
}
