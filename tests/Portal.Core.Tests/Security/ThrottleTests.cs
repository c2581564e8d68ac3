using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Security;
using Portal.Testing;

namespace Portal.Core.Tests.Security;

/// <summary>The database-backed throttle against the real database (a fresh one per test), at fixed times.</summary>
public sealed class ThrottleTests : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);

    private static readonly ThrottlePolicy Growing = ThrottlePolicy.Growing(3, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromHours(12));
    private static readonly ThrottlePolicy Fixed = ThrottlePolicy.Fixed(5, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(T0));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static string NewKey() => "test:" + Guid.NewGuid().ToString("N");

    private async Task<ThrottleState> FailAsync(string key, ThrottlePolicy policy)
    {
        await using var db = _database.NewContext();
        return await new Throttle(db, _time).FailAsync(key, policy, TestContext.Current.CancellationToken);
    }

    private async Task<ThrottleState> CheckAsync(string key)
    {
        await using var db = _database.NewContext();
        return await new Throttle(db, _time).CheckAsync(key, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Growing_delays_start_at_the_third_failure_with_a_minute_and_double_up_to_the_cap()
    {
        var key = NewKey();
        Assert.False((await FailAsync(key, Growing)).IsBlocked);
        Assert.False((await FailAsync(key, Growing)).IsBlocked);
        Assert.False((await CheckAsync(key)).IsBlocked);

        var delays = new List<TimeSpan>();
        for (var failure = 3; failure <= 7; failure++)
        {
            var state = await FailAsync(key, Growing);
            Assert.True(state.StartedBlock, $"failure {failure} starts a block");
            delays.Add(state.BlockedUntil!.Value - _time.GetUtcNow().UtcDateTime);
            Assert.True((await CheckAsync(key)).IsBlocked);
            _time.Advance(delays[^1] - TimeSpan.FromSeconds(1));
            Assert.True((await CheckAsync(key)).IsBlocked, $"still blocked a second before the end of block {failure}");
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.False((await CheckAsync(key)).IsBlocked, $"free when block {failure} ends");
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)], delays);
    }

    [Fact]
    public async Task A_failure_counted_while_blocked_neither_lengthens_the_block_nor_starts_another()
    {
        var key = NewKey();
        for (var i = 0; i < 3; i++)
        {
            await FailAsync(key, Growing);
        }

        var until = (await CheckAsync(key)).BlockedUntil;
        _time.Advance(TimeSpan.FromSeconds(20));
        var during = await FailAsync(key, Growing);

        Assert.Equal(4, during.Failures);
        Assert.False(during.StartedBlock);
        Assert.Equal(until, during.BlockedUntil);
    }

    [Fact]
    public async Task Five_failures_within_the_window_block_for_the_fixed_time_and_the_window_then_starts_over()
    {
        var key = NewKey();
        var states = new List<ThrottleState>();
        for (var i = 0; i < 5; i++)
        {
            states.Add(await FailAsync(key, Fixed));
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.All(states.Take(4), s => Assert.False(s.IsBlocked));
        Assert.True(states[4].StartedBlock);
        var blockedAt = T0.AddMinutes(40);
        Assert.Equal(blockedAt.AddHours(1), states[4].BlockedUntil);

        _time.SetUtcNow(new DateTimeOffset(blockedAt.AddHours(1)));
        Assert.False((await CheckAsync(key)).IsBlocked);
        var next = await FailAsync(key, Fixed);
        Assert.Equal(1, next.Failures);
        Assert.False(next.IsBlocked);
    }

    [Fact]
    public async Task Failures_spread_wider_than_the_window_never_block()
    {
        var key = NewKey();
        for (var i = 0; i < 12; i++)
        {
            Assert.False((await FailAsync(key, Fixed)).IsBlocked);
            _time.Advance(TimeSpan.FromMinutes(16));
        }
    }

    [Fact]
    public async Task Reset_forgets_the_failures_and_lifts_the_block()
    {
        var key = NewKey();
        for (var i = 0; i < 3; i++)
        {
            await FailAsync(key, Growing);
        }

        await using (var db = _database.NewContext())
        {
            await new Throttle(db, _time).ResetAsync(key, TestContext.Current.CancellationToken);
        }

        Assert.Equal(ThrottleState.Clear, await CheckAsync(key));
        Assert.Equal(1, (await FailAsync(key, Growing)).Failures);
    }

    [Fact]
    public async Task Failures_counted_at_the_same_moment_by_separate_connections_are_all_counted_and_one_starts_the_block()
    {
        const int Nodes = 8;
        var key = NewKey();
        var policy = ThrottlePolicy.Fixed(Nodes, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        var contexts = Enumerable.Range(0, Nodes).Select(_ => _database.NewContext()).ToList();
        try
        {
            // Every connection open before the start, so that the failures meet in the database rather than in the pool.
            foreach (var db in contexts)
            {
                await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            }

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var failing = contexts.Select(async db =>
            {
                await start.Task;
                return await new Throttle(db, _time).FailAsync(key, policy, TestContext.Current.CancellationToken);
            }).ToList();
            start.SetResult();
            var states = await Task.WhenAll(failing);

            Assert.Equal(Enumerable.Range(1, Nodes), states.Select(s => s.Failures).Order());
            Assert.Single(states, s => s.StartedBlock);
            Assert.Equal(Nodes, (await CheckAsync(key)).Failures);
            Assert.True((await CheckAsync(key)).IsBlocked);
        }
        finally
        {
            foreach (var db in contexts)
            {
                await db.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_clean_up_deletes_rows_idle_for_a_day_but_keeps_recent_and_still_blocked_ones()
    {
        var idle = NewKey();
        var blocked = NewKey();
        var recent = NewKey();
        var longBlock = ThrottlePolicy.Fixed(1, TimeSpan.FromHours(1), TimeSpan.FromDays(2));
        await FailAsync(idle, Fixed);
        await FailAsync(blocked, longBlock);
        _time.Advance(TimeSpan.FromHours(20));
        await FailAsync(recent, Fixed);
        _time.Advance(TimeSpan.FromHours(5));

        await using var db = _database.NewContext();
        var job = new CleanThrottleCountersJob(db, _time, NullLogger<CleanThrottleCountersJob>.Instance);
        Assert.Equal(1, await job.RunAsync(TestContext.Current.CancellationToken));
        var left = await db.ThrottleCounters.Where(c => c.Key == idle || c.Key == blocked || c.Key == recent).Select(c => c.Key).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { blocked, recent }.Order(), left.Order());
        Assert.Equal(0, await job.RunAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_policy_whose_window_outlasts_the_retention_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThrottlePolicy.Fixed(5, Throttle.Retention + TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThrottlePolicy.Growing(3, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)));
    }
}
