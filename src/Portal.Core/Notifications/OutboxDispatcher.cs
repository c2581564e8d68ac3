using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Notifications;

/// <summary>Carries out one kind of outbox message. It must be idempotent: the same message may come twice.</summary>
public interface IOutboxHandler
{
    OutboxKind Kind { get; }

    /// <summary>Does the work; may add further outbox rows to <paramref name="db"/>, saved with the message's completion.</summary>
    Task HandleAsync(OutboxMessage message, PortalDb db, CancellationToken ct);
}

/// <summary>Tells Hangfire about outbox rows once they are committed.</summary>
public interface IOutboxSignal
{
    void Committed(IReadOnlyCollection<long> ids);
}

public sealed class HangfireOutboxSignal(IBackgroundJobClient jobs) : IOutboxSignal
{
    public void Committed(IReadOnlyCollection<long> ids)
    {
        foreach (var id in ids)
        {
            jobs.Enqueue<DispatchOutboxJob>(j => j.RunAsync(id, CancellationToken.None));
        }
    }
}

/// <summary>
/// Processes one outbox message by id: claim it (an atomic update, so two workers never both work on it), run its
/// handler, and mark it processed in the same save as whatever the handler added. A failure schedules the next
/// attempt with back-off; after the last attempt the message is dead.
/// </summary>
public sealed class DispatchOutboxJob(PortalDb db, IEnumerable<IOutboxHandler> handlers, IBackgroundJobClient jobs,
    IOptions<OutboxOptions> options, TimeProvider time, ILogger<DispatchOutboxJob> log)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + options.Value.ClaimFor;
        var claimed = await db.Outbox
            .Where(m => m.Id == id && m.ProcessedAt == null && m.DeadAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until), ct);
        if (claimed == 0)
        {
            return;
        }

        var message = await db.Outbox.SingleAsync(m => m.Id == id, ct);
        var handler = handlers.FirstOrDefault(h => h.Kind == message.Kind);
        try
        {
            if (handler is null)
            {
                throw new InvalidOperationException($"No handler for outbox kind {message.Kind}.");
            }

            await handler.HandleAsync(message, db, ct);
            message.MarkProcessed(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Outbox message {Id} ({Kind}/{Type}) failed, attempt {Attempt}", id, message.Kind, message.Type, message.Attempts + 1);
            db.ChangeTracker.Clear();
            var fresh = await db.Outbox.SingleAsync(m => m.Id == id, ct);
            fresh.MarkFailed(e.Message, time.GetUtcNow().UtcDateTime, options.Value.MaxAttempts);
            await db.SaveChangesAsync(ct);
            if (fresh.DeadAt is null)
            {
                jobs.Schedule<DispatchOutboxJob>(j => j.RunAsync(id, CancellationToken.None), fresh.NextAttemptAt - time.GetUtcNow().UtcDateTime);
            }
        }
    }
}

/// <summary>
/// The safety net, every minute: messages whose job was lost (a crash between commit and enqueue, a worker killed
/// mid-job) are due and unclaimed; enqueue them again. Idempotent handlers and the claim make a duplicate harmless, but
/// not free: a message whose job is only waiting in a queue that runs behind looks lost too, so while the queue holds at
/// least as many jobs as there are such messages the sweep adds nothing (bench/chaos.sh on SQLite: re-enqueuing the whole
/// backlog every minute had put 44 000 jobs in the queue for 4 500 messages). It takes no lock: a worker killed
/// mid-sweep left DisableConcurrentExecution's lock behind, which failed every later sweep until the storage expired it
/// (10 minutes on PostgreSQL), so lost messages stayed unsent; two overlapping sweeps at worst enqueue a message twice.
/// </summary>
public sealed class SweepOutboxJob(PortalDb db, IBackgroundJobClient jobs, JobStorage storage, TimeProvider time)
{
    public const string RecurringId = "outbox-sweep";

    /// <summary>The queue Hangfire puts enqueued jobs in when none is named, the dispatch jobs among them.</summary>
    private const string Queue = "default";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Give the normal path (enqueue after commit) a head start before treating a message as lost.
        var overdue = now.AddSeconds(-20);
        var ids = await db.Outbox
            .Where(m => m.ProcessedAt == null && m.DeadAt == null && m.NextAttemptAt <= overdue && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(5000)
            .ToListAsync(ct);
        if (ids.Count == 0 || storage.GetMonitoringApi().EnqueuedCount(Queue) >= ids.Count)
        {
            return;
        }

        foreach (var id in ids)
        {
            jobs.Enqueue<DispatchOutboxJob>(j => j.RunAsync(id, CancellationToken.None));
        }
    }
}
