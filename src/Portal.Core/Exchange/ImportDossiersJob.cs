using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;

namespace Portal.Core.Exchange;

/// <summary>
/// Imports an uploaded exchange file in batches, each in one transaction with the run's progress (so the page can show
/// it and a crashed run resumes after the last batch). Rows whose dossier is already there with the same data are
/// counted unchanged: running the job twice, or importing the same file again, changes nothing. Statistics follow
/// through the dossier change sink, in each batch's transaction. The file is read from the document store, where the
/// upload left it on whichever node received it, and leaves the store once the run is done or rejected.
/// </summary>
public sealed class ImportDossiersJob(PortalDb db, IDocumentStore store, TimeProvider time, Statistics.DossierSets sets, IOptions<WorkingTimeOptions> workingTime,
    ILogger<ImportDossiersJob> log)
{
    public const int BatchSize = 1000;

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid importRunId, CancellationToken ct)
    {
        var run = await db.ImportRuns.SingleOrDefaultAsync(r => r.Id == importRunId, ct);
        if (run is null || run.IsDone)
        {
            return;
        }

        var key = run.StoredName;
        var now = time.GetUtcNow().UtcDateTime;
        CsvShape? shape;
        RowProblem? refusal;
        try
        {
            await using var sniffing = await store.OpenAsync(key, ct);
            (shape, refusal) = await ExchangeCsv.InspectAsync(sniffing, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // The file system store's "no such key" (its month folder may be gone too).
            run.Reject("Không tìm thấy tệp đã tải lên; vui lòng tải lên lại.", "The uploaded file is gone; please upload it again.", now);
            await db.SaveChangesAsync(ct);
            return;
        }

        if (shape is null)
        {
            await RejectAsync(run, refusal!, key, now, ct);
            return;
        }

        var catalog = await LoadCatalogAsync(ct);
        var calendar = await CalendarProvider.LoadAsync(db, workingTime.Value, ct);
        LegacyRowParser? parser = null;
        var total = 0;
        try
        {
            await using var counting = await store.OpenAsync(key, ct);
            await foreach (var record in ExchangeCsv.ReadAsync(counting, shape, ct))
            {
                if (parser is null)
                {
                    if (LegacyRowParser.CheckHeader(record.Fields) is { } problem)
                    {
                        await RejectAsync(run, problem, key, now, ct);
                        return;
                    }

                    parser = new LegacyRowParser(record.Fields, catalog, now, run.AgencyId, sets.Offset);
                    continue;
                }

                total++;
            }
        }
        catch (ExchangeFileException e)
        {
            // Read whole before any row is imported: a file that is not UTF-8 further down imports nothing.
            await RejectAsync(run, e.Problem, key, now, ct);
            return;
        }

        if (parser is null)
        {
            await RejectAsync(run, new RowProblem("Tệp trống: không có dòng tiêu đề.", "The file is empty: there is no header row."), key, now, ct);
            return;
        }

        run.Start(total, shape, now);
        await db.SaveChangesAsync(ct);

        var seen = new Dictionary<string, LegacyDossierRecord>(StringComparer.Ordinal);
        var batch = new List<CsvRecord>(BatchSize);
        var index = 0;
        var skip = run.ProcessedRows;
        await using var stream = await store.OpenAsync(key, ct);
        var header = true;
        await foreach (var record in ExchangeCsv.ReadAsync(stream, shape, ct))
        {
            if (header)
            {
                header = false;
                continue;
            }

            if (index++ < skip)
            {
                // Rows of batches committed before a restart: remember them so that later duplicates are still caught.
                if (parser.Parse(record) is { Record: { } done })
                {
                    seen.TryAdd(done.Code, done);
                }

                continue;
            }

            batch.Add(record);
            if (batch.Count == BatchSize)
            {
                await ImportBatchAsync(run, parser, calendar, batch, seen, ct);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await ImportBatchAsync(run, parser, calendar, batch, seen, ct);
        }

        if (db.Entry(run).State == EntityState.Detached)
        {
            db.ImportRuns.Attach(run);
        }

        run.Complete(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await DeleteAsync(key, ct);
    }

    private async Task ImportBatchAsync(ImportRun run, LegacyRowParser parser, WorkingCalendar calendar, List<CsvRecord> rows, Dictionary<string, LegacyDossierRecord> seen, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var importer = new Actor(run.CreatedById, run.CreatedByName, Roles.Leader);
        var parsed = rows.Select(r => (Row: r, Result: parser.Parse(r))).ToList();
        var today = DateOnly.FromDateTime(now.Add(sets.Offset));
        var tally = new ImportTally { CountedOn = today };
        var codes = parsed.Where(p => p.Result.Record is not null).Select(p => p.Result.Code!).Distinct().ToList();
        var existing = await db.Dossiers.AsNoTracking().Where(d => codes.Contains(d.Code!)).ToDictionaryAsync(d => d.Code!, ct);
        int imported = 0, unchanged = 0, errors = 0;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (row, (record, code, problems)) in parsed)
        {
            if (record is null)
            {
                errors++;
                db.ImportRowErrors.Add(new ImportRowError(run.Id, row.Line, code, string.Join(" ", problems.Select(p => p.Vietnamese)), string.Join(" ", problems.Select(p => p.English))));
                continue;
            }

            if (seen.TryGetValue(record.Code, out var earlier) || existing.TryGetValue(record.Code, out var stored) && (earlier = Describe(stored)) is not null)
            {
                if (earlier == record)
                {
                    unchanged++;
                }
                else
                {
                    errors++;
                    db.ImportRowErrors.Add(new ImportRowError(run.Id, row.Line, record.Code,
                        $"Mã hồ sơ \"{record.Code}\" đã có với dữ liệu khác; hồ sơ hiện có được giữ nguyên.",
                        $"Dossier code \"{record.Code}\" already exists with different data; the existing dossier is kept as it is."));
                }

                continue;
            }

            seen[record.Code] = record;
            db.Dossiers.Add(Dossier.FromLegacy(record, calendar, now, importer, run.Id));
            imported++;
            tally = tally.Add(ImportTally.Of(LocalDay(record.ReceivedAt), LocalDay(record.PromisedAt), record.FinishedAt is not null, today));
        }

        if (db.Entry(run).State == EntityState.Detached)
        {
            db.ImportRuns.Attach(run);
        }

        run.Advance(rows.Count, imported, unchanged, errors, tally);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private DateOnly? LocalDay(DateTime? utc) => utc is { } at ? DateOnly.FromDateTime(at.Add(sets.Offset)) : null;

    private async Task RejectAsync(ImportRun run, RowProblem problem, string key, DateTime now, CancellationToken ct)
    {
        run.Reject(problem.Vietnamese, problem.English, now);
        await db.SaveChangesAsync(ct);
        await DeleteAsync(key, ct);
    }

    /// <summary>The run is finished; a file that cannot be deleted is logged and left behind, it is only space.</summary>
    private Task DeleteAsync(string key, CancellationToken ct) => store.DeleteUnreferencedAsync([key], log, "an import run", ct);

    /// <summary>A stored dossier as the exchange format would describe it, to tell a re-import from a conflict.</summary>
    private static LegacyDossierRecord Describe(Dossier d) => new(d.Code!, new ProcedureRef(d.ProcedureId, d.ProcedureVersionId, d.SectorId), d.AgencyId,
        d.Channel, d.Status, d.ReceivedAt, d.PromisedAt, d.FinishedAt, d.ResultReturnedAt, d.SupplementCount, d.PausedMinutes, d.HasElectronicResult,
        d.Payment, d.SyncedAt is not null, d.Rating);

    private async Task<ImportCatalog> LoadCatalogAsync(CancellationToken ct)
    {
        var procedures = await db.Procedures.AsNoTracking().Where(p => p.CurrentVersionId != null)
            .Select(p => new { p.Code, p.Id, VersionId = p.CurrentVersionId!.Value, p.SectorId }).ToListAsync(ct);
        var versions = (await db.ProcedureVersions.AsNoTracking().Select(v => new { v.ProcedureId, v.Id, v.EffectiveFrom }).ToListAsync(ct))
            .GroupBy(v => v.ProcedureId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(DateOnly, int)>)g.OrderBy(v => v.EffectiveFrom).Select(v => (v.EffectiveFrom, v.Id)).ToList());
        var agencies = await db.Agencies.AsNoTracking().Select(a => new { a.Code, a.Id }).ToListAsync(ct);
        var offered = await db.ProcedureAgencies.AsNoTracking().Select(pa => new { pa.ProcedureId, pa.AgencyId }).ToListAsync(ct);
        return new ImportCatalog(
            procedures.ToDictionary(p => p.Code, p => new ImportCatalog.ProcedureEntry(p.Id, p.SectorId, p.VersionId, versions.GetValueOrDefault(p.Id) ?? []),
                StringComparer.OrdinalIgnoreCase),
            agencies.ToDictionary(a => a.Code, a => a.Id, StringComparer.OrdinalIgnoreCase),
            offered.Select(o => (o.ProcedureId, o.AgencyId)).ToHashSet());
    }
}
