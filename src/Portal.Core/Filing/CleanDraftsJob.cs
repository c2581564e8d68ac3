using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;

namespace Portal.Core.Filing;

/// <summary>
/// Nightly: deletes drafts nobody touched for <see cref="FilingOptions.DraftRetentionDays"/> days, with their
/// files. Works in batches; a second run finds nothing left to do.
/// </summary>
public sealed class CleanDraftsJob(PortalDb db, IDocumentStore store, IOptions<FilingOptions> options, TimeProvider time, ILogger<CleanDraftsJob> log)
{
    public const string RecurringId = "clean-drafts";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.DraftRetentionDays);
        var removed = 0;
        while (true)
        {
            var drafts = await db.Dossiers.Include(d => d.FormData).Include(d => d.Documents)
                .Where(d => d.Status == DossierStatus.Draft && d.UpdatedAt < before)
                .OrderBy(d => d.Id).Take(200).ToListAsync(ct);
            if (drafts.Count == 0)
            {
                break;
            }

            var keys = drafts.SelectMany(d => d.Documents).Select(d => d.StorageKey).ToList();
            db.Dossiers.RemoveRange(drafts);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await store.DeleteUnreferencedAsync(keys, log, "an expired draft", ct);

            removed += drafts.Count;
        }

        if (removed > 0)
        {
            log.LogInformation("Deleted {Count} drafts untouched since {Before:u}", removed, before);
        }

        return removed;
    }
}
