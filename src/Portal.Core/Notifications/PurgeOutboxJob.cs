using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Notifications;

/// <summary>
/// Daily: deletes outbox messages processed longer than <see cref="OutboxOptions.KeepProcessedFor"/> ago, a batch at a
/// time. Nothing reads a processed message again (the dispatcher and the sweep read unprocessed ones, the administrators'
/// list the dead ones), so without this the table grows by every side effect ever done: about 15 rows per dossier. Dead
/// messages stay until an administrator resends them. Two nodes running it at once only share the work.
/// </summary>
public sealed class PurgeOutboxJob(PortalDb db, IOptions<OutboxOptions> options, TimeProvider time, ILogger<PurgeOutboxJob> log)
{
    public const string RecurringId = "outbox-purge";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var before = time.GetUtcNow().UtcDateTime - settings.KeepProcessedFor;
        var batch = Math.Max(1, settings.PurgeBatch);
        var removed = 0;
        while (!ct.IsCancellationRequested)
        {
            // A short statement per batch: the processed-at index finds the rows, no lock is held for long.
            var deleted = await db.Outbox.Where(m => m.ProcessedAt != null && m.ProcessedAt < before)
                .OrderBy(m => m.ProcessedAt).Take(batch).ExecuteDeleteAsync(ct);
            removed += deleted;
            if (deleted < batch)
            {
                break;
            }
        }

        if (removed > 0)
        {
            log.LogInformation("Deleted {Count} outbox messages processed before {Before:u}", removed, before);
        }

        return removed;
    }
}
