using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;
using Portal.Core.Filing;

namespace Portal.Core.Processing;

/// <summary>
/// Keeps the scans of a counter form that came back with a mistake (see <see cref="StagedScan"/>): each file is checked
/// as <see cref="RegisterAtDesk"/> checks it and, if it passes, stored through the document store (shared by every node)
/// with a row naming its official. The form carries the tokens; <see cref="RegisterAtDesk"/> takes them when it saves.
/// </summary>
public sealed class StageScans(PortalDb db, IDocumentStore store, IDocumentScanner scanner, IOptions<FilingOptions> filing, TimeProvider time,
    ILogger<StageScans> log)
{
    /// <summary>A kept scan as the form shows it: its token, its slot (null: other documents), its name and size.</summary>
    public sealed record Kept(string Token, int? RequirementIndex, string FileName, long Length);

    /// <summary>The files that pass the checks are kept; each refused one gives its reason ("Vietnamese / English").</summary>
    public async Task<(IReadOnlyList<Kept> Kept, IReadOnlyList<string> Refused)> KeepAsync(IEnumerable<OfficialFile> files, OfficialContext who, CancellationToken ct)
    {
        who.Require(Roles.Reception, "ghi nhận hồ sơ tại quầy", "record dossiers at the desk");
        var now = time.GetUtcNow().UtcDateTime;
        var kept = new List<Kept>();
        var refused = new List<string>();
        var rows = new List<StagedScan>();
        foreach (var file in files)
        {
            try
            {
                var document = await OfficialUploads.StoreAsync(store, scanner, file, DocumentKind.Submitted, file.Title ?? "Giấy tờ khác",
                    filing.Value.MaxFileBytes, now, who.UserId, ct);
                var (row, token) = StagedScan.Keep(document, who.UserId, now);
                rows.Add(row);
                kept.Add(new Kept(token, row.RequirementIndex, row.FileName, row.Length));
            }
            catch (DomainException e)
            {
                refused.Add($"{e.Vietnamese} / {e.English}");
            }
        }

        if (rows.Count > 0)
        {
            db.StagedScans.AddRange(rows);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (Exception)
            {
                await store.DeleteUnreferencedAsync(rows.Select(r => r.StorageKey), log, "a staged scan", CancellationToken.None);
                throw;
            }
        }

        return (kept, refused);
    }

    /// <summary>The official's own kept scans among these tokens; a token that is someone else's, expired or made up finds nothing.</summary>
    public async Task<IReadOnlyList<Kept>> FindAsync(IEnumerable<string> tokens, OfficialContext who, CancellationToken ct)
    {
        var byHash = tokens.Distinct(StringComparer.Ordinal).ToDictionary(StagedScan.HashOf, t => t, StringComparer.Ordinal);
        if (byHash.Count == 0)
        {
            return [];
        }

        var rows = await db.StagedScans.AsNoTracking().Where(s => byHash.Keys.Contains(s.TokenHash) && s.OwnerId == who.UserId).OrderBy(s => s.Id).ToListAsync(ct);
        return [.. rows.Select(r => new Kept(byHash[r.TokenHash], r.RequirementIndex, r.FileName, r.Length))];
    }

    /// <summary>Removes the official's own kept scans among these tokens (the desk unticked them or chose another file).</summary>
    public async Task DropAsync(IEnumerable<string> tokens, OfficialContext who, CancellationToken ct)
    {
        var hashes = tokens.Distinct(StringComparer.Ordinal).Select(StagedScan.HashOf).ToList();
        if (hashes.Count == 0)
        {
            return;
        }

        var rows = await db.StagedScans.Where(s => hashes.Contains(s.TokenHash) && s.OwnerId == who.UserId).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return;
        }

        db.StagedScans.RemoveRange(rows);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Taken by a save or the cleanup meanwhile: its file is no longer ours to delete.
            db.ChangeTracker.Clear();
            return;
        }

        await store.DeleteUnreferencedAsync(rows.Select(r => r.StorageKey), log, "a staged scan", CancellationToken.None);
    }
}

/// <summary>
/// Hourly: deletes the scans kept for counter forms that were never saved, <see cref="StagedScan.KeepFor"/> after they
/// were kept, rows first and then their files. A row a save took meanwhile makes the batch's delete fail and be read again,
/// so a file that became a dossier's is never deleted. A second run finds nothing to do.
/// </summary>
public sealed class CleanStagedScansJob(PortalDb db, IDocumentStore store, TimeProvider time, ILogger<CleanStagedScansJob> log)
{
    public const string RecurringId = "clean-staged-scans";

    [Hangfire.AutomaticRetry(Attempts = 3)]
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow().UtcDateTime - StagedScan.KeepFor;
        var removed = 0;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var rows = await db.StagedScans.Where(s => s.StagedAt < before).OrderBy(s => s.Id).Take(200).ToListAsync(ct);
            if (rows.Count == 0)
            {
                break;
            }

            db.StagedScans.RemoveRange(rows);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            db.ChangeTracker.Clear();
            await store.DeleteUnreferencedAsync(rows.Select(r => r.StorageKey), log, "an expired staged scan", ct);

            removed += rows.Count;
        }

        if (removed > 0)
        {
            log.LogInformation("Deleted {Count} staged scans kept before {Before:u}", removed, before);
        }

        return removed;
    }
}
