using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Data;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Core.Tests.Notifications;

/// <summary>
/// A worker whose handler outlives its claim (5 s here) while a second worker claims the same message: only the worker
/// that still holds the claim may complete it, so a status change never becomes two e-mails. Against the real database.
/// </summary>
public sealed class OutboxClaimTests : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(T0));
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await PortalApp.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:NodeRoles"] = "web",
        ["Outbox:ClaimFor"] = "00:00:05",
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Adds a follow-up message named after the worker; the slow one waits for the test before it returns.</summary>
    private sealed class FollowUpHandler(string worker, Task? gate = null, TaskCompletionSource? entered = null, bool fail = false, bool saveMidway = false) : IOutboxHandler
    {
        /// <summary>Whether the work done inside the claim's transaction (writing a file, say) ran.</summary>
        public bool WroteMidway { get; private set; }

        public OutboxKind Kind => OutboxKind.DossierStatusChanged;

        public async Task HandleAsync(OutboxMessage message, PortalDb db, CancellationToken ct)
        {
            entered?.SetResult();
            if (gate is not null)
            {
                await gate;
            }

            if (fail)
            {
                throw new InvalidOperationException("Máy chủ thư không trả lời.");
            }

            db.Outbox.Add(new OutboxMessage(OutboxKind.Email, "follow-up-" + worker, new EmailPayload("nguoi.nop@example.vn", "Hồ sơ", worker).Serialize(), null, T0));
            if (saveMidway)
            {
                // As the document renderer does: the row is saved (for its id) before the handler returns.
                await OutboxClaim.SaveAsync(db, message, _ =>
                {
                    WroteMidway = true;
                    return Task.CompletedTask;
                }, ct);
            }
        }
    }

    /// <summary>The outbox ids of the dispatch jobs waiting in Hangfire's queue (what the context signalled).</summary>
    private List<long> Queued() => [.. _app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
        .Where(j => j.Value.Job?.Type == typeof(DispatchOutboxJob)).Select(j => (long)j.Value.Job.Args[0])];

    private async Task<long> MessageAsync()
    {
        long id = 0;
        await _app.WithDbAsync(async db =>
        {
            var m = new OutboxMessage(OutboxKind.DossierStatusChanged, "tiep-nhan", "{}", null, T0.AddMinutes(-1));
            db.Outbox.Add(m);
            await db.SaveChangesAsync();
            id = m.Id;
        });
        return id;
    }

    private async Task RunAsync(long id, IOutboxHandler handler)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var job = new DispatchOutboxJob(sp.GetRequiredService<PortalDb>(), [handler], sp.GetRequiredService<IBackgroundJobClient>(),
            sp.GetRequiredService<IOptions<OutboxOptions>>(), _time, NullLogger<DispatchOutboxJob>.Instance);
        await job.RunAsync(id, CancellationToken.None);
    }

    private Task<List<OutboxMessage>> RowsAsync() => _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>Worker A claims and stalls past its claim; B claims, finishes; then A returns and the test lets it complete.</summary>
    private async Task OvertakenAsync(long id, Func<Task, TaskCompletionSource, FollowUpHandler> slowHandler)
    {
        var gate = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        var slow = RunAsync(id, slowHandler(gate.Task, entered));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(6));
        await RunAsync(id, new FollowUpHandler("B"));

        gate.SetResult();
        await slow.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_worker_that_outlived_its_claim_adds_nothing_when_another_worker_completed_the_message()
    {
        var id = await MessageAsync();
        await OvertakenAsync(id, (gate, entered) => new FollowUpHandler("A", gate, entered));

        var rows = await RowsAsync();
        var followUps = rows.Where(m => m.Kind == OutboxKind.Email).ToList();
        var only = Assert.Single(followUps);
        Assert.Equal("follow-up-B", only.Type);
        var message = rows.Single(m => m.Id == id);
        Assert.Equal(T0.AddSeconds(6), message.ProcessedAt);
        Assert.Null(message.LockedUntil);
        Assert.Equal(0, message.Attempts);

        // The message's own job (queued when it was saved) and the follow-up committed by B, once; A queued nothing.
        Assert.Equal([id, only.Id], Queued().Order());
    }

    [Fact]
    public async Task A_worker_that_outlived_its_claim_records_no_failure_on_a_message_another_worker_completed()
    {
        var id = await MessageAsync();
        await OvertakenAsync(id, (gate, entered) => new FollowUpHandler("A", gate, entered, fail: true));

        var message = (await RowsAsync()).Single(m => m.Id == id);
        Assert.NotNull(message.ProcessedAt);
        Assert.Equal(0, message.Attempts);
        Assert.Null(message.LastError);
        Assert.Null(message.DeadAt);
    }

    [Fact]
    public async Task A_worker_that_outlived_its_claim_writes_nothing_midway_through_its_handler()
    {
        var id = await MessageAsync();
        FollowUpHandler? slow = null;
        await OvertakenAsync(id, (gate, entered) => slow = new FollowUpHandler("A", gate, entered, saveMidway: true));

        Assert.False(slow!.WroteMidway);
        var followUps = (await RowsAsync()).Where(m => m.Kind == OutboxKind.Email).ToList();
        Assert.Equal("follow-up-B", Assert.Single(followUps).Type);
        Assert.Equal(0, (await RowsAsync()).Single(m => m.Id == id).Attempts);
    }

    [Fact]
    public async Task A_worker_that_still_holds_its_claim_completes_and_signals_the_follow_ups_after_commit()
    {
        var id = await MessageAsync();
        var handler = new FollowUpHandler("A", saveMidway: true);
        await RunAsync(id, handler);
        Assert.True(handler.WroteMidway);

        var rows = await RowsAsync();
        var followUp = Assert.Single(rows, m => m.Kind == OutboxKind.Email);
        Assert.Equal([id, followUp.Id], Queued().Order());
        Assert.NotNull(rows.Single(m => m.Id == id).ProcessedAt);

        // A failing handler that still holds its claim records the attempt and releases the claim.
        var failing = await MessageAsync();
        await RunAsync(failing, new FollowUpHandler("C", fail: true));
        var failed = (await RowsAsync()).Single(m => m.Id == failing);
        Assert.Null(failed.ProcessedAt);
        Assert.Null(failed.LockedUntil);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("không trả lời", failed.LastError, StringComparison.Ordinal);
    }
}
