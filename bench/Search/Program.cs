using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;

// dotnet run -c Release --project bench/Search [-- <procedures> [postgres-connection-string]]
// Grows the 30 shipped procedures into a catalogue of <procedures> (default 2 000): each shipped name with a qualifier
// of the kind administrations add ("đối với tổ chức", "cấp lại", ...), its result description, 60 sectors; then times
// ProcedureSearch as a request does it (a fresh DbContext, the filing counts cached) and the ranking alone.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var postgres = args.Length > 1 ? args[1] : null;
var file = Path.Combine(Path.GetTempPath(), $"search-bench-{count}.db");
if (postgres is null && File.Exists(file))
{
    File.Delete(file);
}

PortalDb NewContext() => postgres is not null
    ? new PostgresPortalDb(new DbContextOptionsBuilder<PostgresPortalDb>().UseNpgsql(postgres).Options)
    : new SqlitePortalDb(new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite($"Data Source={file}").Options);

var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "Portal.sln")))
{
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from inside the repository.");
}

var shipped = Directory.GetFiles(Path.Combine(root, "src", "Portal.Core", "Resources", "Catalog", "procedures"), "*.json").Order(StringComparer.Ordinal)
    .Select(f =>
    {
        using var json = JsonDocument.Parse(File.ReadAllText(f));
        return (Name: json.RootElement.GetProperty("name").GetString()!, Result: json.RootElement.GetProperty("result").GetProperty("description").GetString()!);
    }).ToList();
string[] qualifiers = ["", " đối với cá nhân", " đối với tổ chức", " cấp lại", " có yếu tố nước ngoài", " lần đầu", " điều chỉnh", " tại cấp tỉnh", " theo thủ tục rút gọn", " trong trường hợp đặc biệt"];

await using (var db = NewContext())
{
    await db.Database.EnsureDeletedAsync();
    await DatabaseSetup.MigrateAsync(db, default);
    var sectors = Enumerable.Range(1, 60).Select(i => new Sector($"BLV{i:00}", $"Lĩnh vực thử tải {i}")).ToList();
    db.Sectors.AddRange(sectors);
    await db.SaveChangesAsync();
    var made = new List<(Procedure, ProcedureVersion)>();
    for (var i = 0; i < count; i++)
    {
        var (name, result) = shipped[i % shipped.Count];
        var full = $"{name}{qualifiers[(i / shipped.Count) % qualifiers.Length]}" + (i >= shipped.Count * qualifiers.Length ? $" (mẫu {i})" : "");
        var procedure = new Procedure($"9.{i:000000}", full, sectors[i % sectors.Count].Id, AgencyLevel.Commune);
        var version = procedure.AddVersion(new ProcedureVersionFacts(full, new DateOnly(2020, 1, 1), ServiceType.FullOnline, TimeLimit.WorkingDays(5), null,
            [], [], true, result, [], [], [], null, null, null));
        db.Procedures.Add(procedure);
        made.Add((procedure, version));
    }

    await db.SaveChangesAsync();
    foreach (var (procedure, version) in made)
    {
        procedure.MakeCurrent(version);
    }

    await db.SaveChangesAsync();
}

// One cache for the run, as a node keeps one: the filing counts are read once per five minutes.
var cache = new MemoryCache(new MemoryCacheOptions());
string[] queries = ["", "lam giay khai sinh", "dang ky khai sinh cho con", "ho kinh doanh", "dang ky khai sinnh", "so do", "xin giay", "khong co thu tuc nay"];
Console.WriteLine(postgres is null ? $"SQLite {file}" : "PostgreSQL");
Console.WriteLine($"{count:N0} procedures; median / p95 of 50 runs after 10, ms; rows found");
foreach (var query in queries)
{
    var times = new List<double>();
    var found = 0;
    for (var run = 0; run < 60; run++)
    {
        var clock = Stopwatch.StartNew();
        await using var db = NewContext();
        var result = await new ProcedureSearch(db, new ProcedureFilings(new Portal.Core.Statistics.StatisticsReader(db), new Portal.Core.Statistics.DossierSets(new Portal.Core.Calendar.WorkingTimeOptions().ResolveTimeZone()), cache, TimeProvider.System), cache)
            .SearchAsync(new ProcedureSearch.Filter(query, null, null, null), 1, 20, default);
        if (run >= 10)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        found = result.Total;
    }

    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {'"' + query + '"',-30} {times[times.Count / 2],7:0.0} {times[(int)(times.Count * 0.95)],7:0.0}  {found,5}"));
}

// The ranking alone, on entries already read and folded.
List<ProcedureMatcher.Entry> entries;
await using (var db = NewContext())
{
    entries = [.. (await db.Procedures.AsNoTracking().Select(p => new { p.Id, p.Code, p.Name, p.CurrentVersion!.ResultDescription, Sector = p.Sector!.Name }).ToListAsync())
        .Select(p => ProcedureMatcher.Entry.Of(p.Id, p.Code, p.Name, p.ResultDescription, p.Sector, 0))];
}

Console.WriteLine("ranking alone (entries read and folded), median of 200 runs, ms");
foreach (var query in queries.Skip(1))
{
    var parsed = ProcedureMatcher.Parse(query);
    var times = new List<double>();
    for (var run = 0; run < 220; run++)
    {
        var clock = Stopwatch.StartNew();
        _ = ProcedureMatcher.Rank(parsed, entries);
        if (run >= 20)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {'"' + query + '"',-30} {times[times.Count / 2],7:0.00}"));
}

var fold = Stopwatch.StartNew();
for (var run = 0; run < 20; run++)
{
    _ = entries.Select(e => ProcedureMatcher.Entry.Of(e.Id, e.Code, e.Name, e.DescriptionKey, e.SectorKey, 0)).ToList();
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"folding {count:N0} procedures' text: {fold.Elapsed.TotalMilliseconds / 20:0.0} ms"));
return 0;
