using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;

namespace Portal.Core.Catalog;

public sealed class CatalogueOptions
{
    public const string Section = "Catalog";

    /// <summary>
    /// A folder of catalogue files read after the embedded ones (a file with the same code replaces the embedded procedure);
    /// absolute, or relative to the data directory. Unset: the embedded catalogue only.
    /// </summary>
    public string? Directory { get; set; }
}

/// <summary>A catalogue file that did not validate; the message lists every error, one a line.</summary>
public sealed class CatalogueException(IReadOnlyList<CatalogueError> errors)
    : Exception("The catalogue cannot be loaded:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<CatalogueError> Errors { get; } = errors;
}

/// <summary>What one run of the sync changed (all zero when the database already matched the files).</summary>
public sealed record CatalogueSyncReport(int SectorsCreated, int ProceduresCreated, int VersionsAdded, int Offered, int MadeCurrent)
{
    public bool ChangedNothing => SectorsCreated + ProceduresCreated + VersionsAdded + Offered + MadeCurrent == 0;
}

/// <summary>
/// Brings the database's catalogue in line with the catalogue files, on every start (docs/CATALOGUE.md): a procedure
/// missing is created with its sector; a definition no version carries yet (by content hash) becomes the next version,
/// in force from its effective date; procedures are offered at the agencies their files name that exist. Nothing is ever
/// removed or rewritten, so a second run writes nothing, and a dossier keeps the version it was filed on. Nodes starting
/// together may race: the unique indexes keep one copy and the loser reloads and runs again.
/// </summary>
public sealed class CatalogueSync(PortalDb db, IOptions<CatalogueOptions> options, IOptions<WorkingTimeOptions> workingTime, TimeProvider time, ILogger<CatalogueSync> log)
{
    private const string EmbeddedPrefix = "Portal.Core.Resources.Catalog.procedures.";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<IReadOnlyList<(string FileName, string Json)>> Embedded = new(ReadEmbedded);

    /// <summary>The embedded files and the configured folder's, validated; the folder's win by procedure code.</summary>
    public IReadOnlyList<CatalogueDefinition> LoadDefinitions() => LoadDefinitions(options.Value.Directory);

    public static IReadOnlyList<CatalogueDefinition> LoadDefinitions(string? directory)
    {
        var errors = new List<CatalogueError>();
        var embedded = Parse(Embedded.Value, errors);
        var local = new List<(string, CatalogueDefinition)>();
        if (!string.IsNullOrWhiteSpace(directory))
        {
            if (!System.IO.Directory.Exists(directory))
            {
                throw new CatalogueException([new CatalogueError(directory, null, string.Empty, "the folder named by Catalog:Directory does not exist",
                    "thư mục khai báo tại Catalog:Directory không tồn tại")]);
            }

            var files = System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToList();
            local = Parse(files, errors);
        }

        if (errors.Count > 0)
        {
            throw new CatalogueException(errors);
        }

        var byCode = new Dictionary<string, CatalogueDefinition>(StringComparer.Ordinal);
        foreach (var (_, definition) in embedded)
        {
            byCode[definition.Code] = definition;
        }

        foreach (var (_, definition) in local)
        {
            byCode[definition.Code] = definition;
        }

        return [.. byCode.Values.OrderBy(d => d.Code, StringComparer.Ordinal)];
    }

    private static List<(string FileName, CatalogueDefinition Definition)> Parse(IEnumerable<(string FileName, string Json)> files, List<CatalogueError> errors)
    {
        var parsed = new List<(string, CatalogueDefinition)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (fileName, json) in files)
        {
            var result = CatalogueFile.Parse(fileName, json);
            if (result.Definition is not { } definition)
            {
                errors.AddRange(result.Errors);
                continue;
            }

            if (seen.TryGetValue(definition.Code, out var other))
            {
                errors.Add(new CatalogueError(fileName, definition.Code, "code", $"the same code as {other}", $"trùng mã thủ tục với tệp {other}"));
                continue;
            }

            seen[definition.Code] = fileName;
            parsed.Add((fileName, definition));
        }

        return parsed;
    }

    private static List<(string, string)> ReadEmbedded()
    {
        var assembly = typeof(CatalogueSync).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(EmbeddedPrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return ("procedures/" + n[EmbeddedPrefix.Length..], reader.ReadToEnd());
            })];
    }

    public async Task<CatalogueSyncReport> SyncAsync(CancellationToken ct = default)
    {
        var definitions = LoadDefinitions();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var report = await SyncOnceAsync(definitions, ct);
                if (!report.ChangedNothing)
                {
                    log.LogInformation("Catalogue synced from {Files} files: {Procedures} procedures and {Sectors} sectors created, {Versions} versions added, {Offered} offers, {Current} versions put in force",
                        definitions.Count, report.ProceduresCreated, report.SectorsCreated, report.VersionsAdded, report.Offered, report.MadeCurrent);
                }

                return report;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another node created the same rows first (unique code, version number or offer): start over from what is there now.
                db.ChangeTracker.Clear();
            }
        }
    }

    public const string RefreshRecurringId = "catalogue-version-in-force";

    /// <summary>
    /// Moves <see cref="Procedure.CurrentVersion"/> to the version in force (hourly, so that a version published for a later
    /// date shows on its day without a restart; filing asks <see cref="Procedure.VersionInForce"/> itself). Returns how many moved.
    /// </summary>
    public async Task<int> RefreshInForceAsync(CancellationToken ct)
    {
        var today = Today();
        var procedures = await db.Procedures.Include(p => p.Versions).ToListAsync(ct);
        var moved = procedures.Count(p => p.RefreshVersionInForce(today));
        if (moved > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return moved;
    }

    private DateOnly Today() => LocalToday(time, workingTime.Value);

    /// <summary>Today's date where the portal works (versions take effect on local dates).</summary>
    public static DateOnly LocalToday(TimeProvider time, WorkingTimeOptions workingTime) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, workingTime.ResolveTimeZone()));

    /// <summary>
    /// Offers every procedure whose file names this agency (by code, or by its level) at it: for an agency created after
    /// the start, by the administration or the demo. Returns how many offers were added.
    /// </summary>
    public async Task<int> OfferAtAsync(int agencyId, CancellationToken ct = default)
    {
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == agencyId, ct);
        var codes = LoadDefinitions().Where(d => d.OfferedAt.Includes(agency)).Select(d => d.Code).ToList();
        var procedures = await db.Procedures.Include(p => p.Agencies).Where(p => codes.Contains(p.Code)).ToListAsync(ct);
        var added = procedures.Count(p => p.OfferAt(agency.Id));
        if (added > 0)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Offered at the same moment by another request: the primary key kept one row.
                db.ChangeTracker.Clear();
            }
        }

        return added;
    }

    private async Task<CatalogueSyncReport> SyncOnceAsync(IReadOnlyList<CatalogueDefinition> definitions, CancellationToken ct)
    {
        var today = Today();
        int sectorsCreated = 0, created = 0, versions = 0, offered = 0, current = 0;

        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, ct);
        foreach (var missing in definitions.Where(d => !sectors.ContainsKey(d.SectorCode)).GroupBy(d => d.SectorCode))
        {
            var sector = new Sector(missing.Key, missing.First().SectorName);
            db.Sectors.Add(sector);
            sectors[sector.Code] = sector;
            sectorsCreated++;
        }

        if (sectorsCreated > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        var agencies = await db.Agencies.AsNoTracking().ToListAsync(ct);
        var procedures = await db.Procedures.Include(p => p.Versions).Include(p => p.Agencies).AsSplitQuery()
            .ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        foreach (var definition in definitions)
        {
            var hash = CatalogueFile.Hash(definition);
            var changed = true;
            if (!procedures.TryGetValue(definition.Code, out var procedure))
            {
                procedure = new Procedure(definition.Code, definition.Facts.Name, sectors[definition.SectorCode].Id, definition.Level);
                procedure.AddVersion(definition.Facts, hash);
                db.Procedures.Add(procedure);
                procedures[procedure.Code] = procedure;
                created++;
            }
            else if (procedure.Versions.All(v => v.DefinitionHash != hash))
            {
                var latest = procedure.Versions.MaxBy(v => v.Number);
                if (latest is { DefinitionHash: null } && Same(latest.ToFacts(), definition.Facts))
                {
                    // Made before the sync existed (the old demo seeder), and saying exactly what the file says.
                    latest.StampDefinition(hash);
                }
                else
                {
                    procedure.AddVersion(definition.Facts, hash);
                    versions++;
                }
            }
            else
            {
                changed = false;
            }

            // Offers follow the file when it is new or changed; between changes the administration owns them (an offer it
            // withdrew stays withdrawn). An agency created later is offered by OfferAtAsync.
            foreach (var agency in agencies.Where(a => changed && definition.OfferedAt.Includes(a)))
            {
                offered += procedure.OfferAt(agency.Id) ? 1 : 0;
            }
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        // Every procedure, also those no file names any more: a version whose effective date has come takes over.
        current += procedures.Values.Count(p => p.RefreshVersionInForce(today));
        if (current > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return new CatalogueSyncReport(sectorsCreated, created, versions, offered, current);
    }

    private static bool Same(ProcedureVersionFacts a, ProcedureVersionFacts b) =>
        JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json);
}
