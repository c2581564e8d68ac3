namespace Portal.Core.Security;

/// <summary>
/// How a <see cref="Throttle"/> key answers failures: the failure number <see cref="Limit"/> of a window blocks the
/// key for <see cref="FirstBlock"/>, each further failure counted outside a block doubles that up to
/// <see cref="MaxBlock"/>. A window starts at its first failure; once <see cref="Window"/> has passed and no block is
/// in force, the next failure starts a new one from one. Build one with <see cref="Fixed"/> or <see cref="Growing"/>.
/// </summary>
public sealed record ThrottlePolicy
{
    private ThrottlePolicy(int limit, TimeSpan firstBlock, TimeSpan maxBlock, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstBlock, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlock, firstBlock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        // Rows idle for longer are deleted (CleanThrottleCountersJob): a longer window would be silently shortened.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, Throttle.Retention);
        Limit = limit;
        FirstBlock = firstBlock;
        MaxBlock = maxBlock;
        Window = window;
    }

    /// <summary>The failure of a window that starts the first block.</summary>
    public int Limit { get; }

    public TimeSpan FirstBlock { get; }
    public TimeSpan MaxBlock { get; }

    /// <summary>How long the failures of a window are remembered, from the first of them (at most <see cref="Throttle.Retention"/>).</summary>
    public TimeSpan Window { get; }

    /// <summary>
    /// A fixed block: <paramref name="failures"/> failures within <paramref name="within"/> block the key for
    /// <paramref name="blockFor"/>. A failure after the block but still inside the window blocks it again as long.
    /// </summary>
    public static ThrottlePolicy Fixed(int failures, TimeSpan within, TimeSpan blockFor) => new(failures, blockFor, blockFor, within);

    /// <summary>
    /// Growing delays: failure <paramref name="after"/> blocks for <paramref name="firstDelay"/>, each failure after a
    /// block has ended doubles the delay, up to <paramref name="maxDelay"/>; <paramref name="forgetAfter"/> after the
    /// first failure (and no block in force) the count starts over. E.g. <c>Growing(3, 1 min, 15 min, 1 day)</c>:
    /// the third failure waits a minute, the fourth two, the fifth four, … never more than fifteen.
    /// </summary>
    public static ThrottlePolicy Growing(int after, TimeSpan firstDelay, TimeSpan maxDelay, TimeSpan forgetAfter) =>
        new(after, firstDelay, maxDelay, forgetAfter);

    /// <summary>The block that the failure number <paramref name="failures"/> of a window starts (zero below the limit).</summary>
    public TimeSpan BlockFor(int failures)
    {
        if (failures < Limit)
        {
            return TimeSpan.Zero;
        }

        var block = FirstBlock;
        for (var doubling = Limit; doubling < failures && block < MaxBlock; doubling++)
        {
            block += block;
        }

        return block < MaxBlock ? block : MaxBlock;
    }
}
