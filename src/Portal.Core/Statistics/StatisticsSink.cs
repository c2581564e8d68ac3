using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Statistics;

/// <summary>
/// Keeps the statistics buckets in step with every saved change of a dossier, in the transaction that saves it.
/// Before the save it books the difference between each changed dossier's facts as loaded and as they are now
/// (so facts that change without a status change — a rating, a sync receipt, an electronic result — count too);
/// after the rows are written it applies the increments. Pauses come from the clock marks of the aggregate's events.
/// One instance per <see cref="PortalDb"/> (transient), because it carries the increments from one step to the next.
/// </summary>
public sealed class StatisticsSink(TimeZoneInfo zone) : IDossierChangeSink
{
    private readonly BucketDeltas _pending = new();
    private readonly Dictionary<int, bool> _resultIsDocument = [];

    public async Task OnSavingAsync(PortalDb db, CancellationToken ct)
    {
        _pending.Clear();
        var entries = db.ChangeTracker.Entries<Dossier>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }

        var changes = entries.Select(e => (
            Entry: e,
            Before: e.State == EntityState.Added ? (DossierFacts?)null : DossierFacts.Of(e.OriginalValues),
            After: e.State == EntityState.Deleted ? (DossierFacts?)null : DossierFacts.Of(e.Entity))).ToList();
        // Only received dossiers count (BookInto skips the others): filing a draft, the busiest write, reads nothing more
        // inside its transaction (on SQLite, while it holds the write lock).
        await LoadResultKindsAsync(db, changes.SelectMany(c => new[] { c.Before, c.After })
            .Where(f => f is { ReceivedAt: not null }).Select(f => f!.Value.VersionId), ct);

        foreach (var (entry, before, after) in changes)
        {
            if (before == after)
            {
                continue;
            }

            before?.BookInto(_pending, -1, zone, ResultIsDocument(before.Value));
            after?.BookInto(_pending, +1, zone, ResultIsDocument(after.Value));
        }

        foreach (var (entry, _, after) in changes)
        {
            if (after is { } facts)
            {
                BookPauses(entry.Entity, entry.State == EntityState.Added, facts.Key);
            }
        }
    }

    public async Task OnSavedAsync(PortalDb db, IReadOnlyList<DossierEvent> events, CancellationToken ct)
    {
        if (_pending.RowCount > 0)
        {
            await BucketWriter.ApplyAsync(db, _pending, ct);
            _pending.Clear();
        }
    }

    private void BookPauses(Dossier dossier, bool added, BucketKey key)
    {
        var started = false;
        foreach (var e in dossier.PendingEvents)
        {
            if (e.Clock == ClockChange.Paused)
            {
                _pending.Add(key, DossierFacts.LocalDate(e.At, zone), Counter.PauseStarts, 1);
                started = true;
            }
            else if (e.Clock == ClockChange.Resumed)
            {
                _pending.Add(key, DossierFacts.LocalDate(e.At, zone), Counter.PauseEnds, 1);
            }
        }

        // A dossier that arrives already paused (imported from a legacy system) has no event to say when the pause began.
        if (added && !started && dossier.PausedSince is { } since)
        {
            _pending.Add(key, DossierFacts.LocalDate(since, zone), Counter.PauseStarts, 1);
        }
    }

    /// <summary>Whether the facts' version gives a written result; asked only of received facts, the only ones that count.</summary>
    private bool ResultIsDocument(DossierFacts facts) => facts.ReceivedAt is not null && _resultIsDocument[facts.VersionId];

    private async Task LoadResultKindsAsync(PortalDb db, IEnumerable<int> versionIds, CancellationToken ct)
    {
        var missing = versionIds.Where(id => !_resultIsDocument.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var found = await db.ProcedureVersions.AsNoTracking()
            .Where(v => missing.Contains(v.Id))
            .Select(v => new { v.Id, v.ResultIsDocument })
            .ToListAsync(ct);
        foreach (var id in missing)
        {
            // A version the catalogue does not know is taken to need a written result: the stricter reading of 766.
            _resultIsDocument[id] = found.FirstOrDefault(v => v.Id == id)?.ResultIsDocument ?? true;
        }
    }
}
