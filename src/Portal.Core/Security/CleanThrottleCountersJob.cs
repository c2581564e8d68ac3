using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Core.Security;

/// <summary>
/// Hourly: deletes throttle rows idle for longer than <see cref="Throttle.Retention"/> whose block, if any, is over.
/// Such a row's window has passed (no policy's window is longer), so the next failure would start over anyway: the
/// table holds only the keys that failed within the last day. A second run finds nothing to do.
/// </summary>
public sealed class CleanThrottleCountersJob(PortalDb db, TimeProvider time, ILogger<CleanThrottleCountersJob> log)
{
    public const string RecurringId = "clean-throttle-counters";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var before = now - Throttle.Retention;
        var removed = await db.ThrottleCounters.Where(c => c.LastAt < before && (c.BlockedUntil == null || c.BlockedUntil <= now)).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            log.LogInformation("Deleted {Count} throttle counters idle since {Before:u}", removed, before);
        }

        return removed;
    }
}
