using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
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
/// handler, and mark it processed in the same transaction as whatever the handler added. A claim runs out after
/// <see cref="OutboxOptions.ClaimFor"/>, and a handler slower than that (a loaded machine, a slow endpoint) may find
/// another worker has claimed the message again; so the completion is fenced: it commits only while the row still
/// carries this worker's claim, and the worker that lost its claim adds nothing and records nothing. (Before, both
/// workers completed it and a status change could become two e-mails: the race came to light while chasing a failure
/// of the crash test on a loaded CI machine.) A failure schedules the next attempt with back-off; after the last
/// attempt the message is dead.
/// </summary>
public sealed class DispatchOutboxJob(PortalDb db, IEnumerable<IOutboxHandler> handlers, IBackgroundJobClient jobs,
    IOptions<OutboxOptions> options, TimeProvider time, ILogger<DispatchOutboxJob> log)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Whole milliseconds, which both databases store exactly, so the fence below can compare the claim for equality.
        var until = Truncate(now + options.Value.ClaimFor);
        var claimed = await db.Outbox
            .Where(m => m.Id == id && m.ProcessedAt == null && m.DeadAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until), ct);
        if (claimed == 0)
        {
            return;
        }

        var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct);
        var handler = handlers.FirstOrDefault(h => h.Kind == message.Kind);
        try
        {
            if (handler is null)
            {
                throw new InvalidOperationException($"No handler for outbox kind {message.Kind}.");
            }

            await handler.HandleAsync(message, db, ct);
            var processedAt = time.GetUtcNow().UtcDateTime;
            if (!await OutboxClaim.CommitAsync(db, id, until, s => s
                    .SetProperty(m => m.ProcessedAt, processedAt)
                    .SetProperty(m => m.LockedUntil, (DateTime?)null)
                    .SetProperty(m => m.LastError, (string?)null), null, ct))
            {
                LostClaim(id, message);
            }
        }
        catch (OutboxClaimLostException)
        {
            db.ChangeTracker.Clear();
            LostClaim(id, message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Outbox message {Id} ({Kind}/{Type}) failed, attempt {Attempt}", id, message.Kind, message.Type, message.Attempts + 1);
            db.ChangeTracker.Clear();
            // Release the claim only if it is still ours; the row stays locked by the transaction until the failure is recorded.
            OutboxMessage? fresh = null;
            if (!await OutboxClaim.CommitAsync(db, id, until, s => s.SetProperty(m => m.LockedUntil, (DateTime?)null), async c =>
                {
                    fresh = await db.Outbox.SingleAsync(m => m.Id == id, c);
                    fresh.MarkFailed(e.Message, time.GetUtcNow().UtcDateTime, options.Value.MaxAttempts);
                }, ct))
            {
                LostClaim(id, message);
                return;
            }

            if (fresh!.DeadAt is null)
            {
                jobs.Schedule<DispatchOutboxJob>(j => j.RunAsync(id, CancellationToken.None), fresh.NextAttemptAt - time.GetUtcNow().UtcDateTime);
            }
        }
    }

    private void LostClaim(long id, OutboxMessage message) =>
        log.LogWarning("Outbox message {Id} ({Kind}/{Type}) outlived its claim and was claimed again; this worker's result is dropped",
            id, message.Kind, message.Type);

    private static DateTime Truncate(DateTime at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}

/// <summary>
/// The claim a worker holds on the message it is handling (<see cref="OutboxMessage.LockedUntil"/> as loaded after the
/// claim). A handler that must write before it returns (a rendered document, whose id the mail needs) does so through
/// <see cref="SaveAsync"/>, so a worker that has lost its claim writes nothing.
/// </summary>
public static class OutboxClaim
{
    /// <summary>
    /// In one transaction: applies <paramref name="set"/> to the message only while it is unprocessed and still carries
    /// the claim <paramref name="until"/> (the update also keeps the row locked, so nobody can claim it meanwhile); runs
    /// <paramref name="beforeSave"/>; saves; commits; hands the outbox rows it added to Hangfire. False, with nothing
    /// written, when the claim is no longer held.
    /// </summary>
    public static async Task<bool> CommitAsync(PortalDb db, long id, DateTime until, Action<UpdateSettersBuilder<OutboxMessage>> set,
        Func<CancellationToken, Task>? beforeSave, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Outbox.Where(m => m.Id == id && m.ProcessedAt == null && m.LockedUntil == until).ExecuteUpdateAsync(set, ct) == 0)
        {
            return false;
        }

        if (beforeSave is not null)
        {
            await beforeSave(ct);
        }

        var added = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Committed inside our own transaction, so the context did not signal them.
        db.SignalCommitted([.. added.Select(m => m.Id)]);
        return true;
    }

    /// <summary>
    /// For a handler that must save before it returns: <see cref="CommitAsync"/> changing nothing on the message (e.g.
    /// writing the file the new row names in <paramref name="beforeSave"/>). Throws <see cref="OutboxClaimLostException"/>
    /// when the claim is no longer held, which the dispatcher takes as "another worker has it" and stops quietly.
    /// </summary>
    public static async Task SaveAsync(PortalDb db, OutboxMessage message, Func<CancellationToken, Task>? beforeSave, CancellationToken ct)
    {
        var until = message.LockedUntil ?? throw new InvalidOperationException($"Outbox message {message.Id} is not claimed.");
        if (!await CommitAsync(db, message.Id, until, s => s.SetProperty(m => m.LockedUntil, m => m.LockedUntil), beforeSave, ct))
        {
            throw new OutboxClaimLostException(message.Id);
        }
    }
}

/// <summary>The worker's claim on an outbox message ran out and another worker claimed it.</summary>
public sealed class OutboxClaimLostException(long id) : Exception($"Outbox message {id} was claimed by another worker.");

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
