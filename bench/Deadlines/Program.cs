using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Bench.Deadlines;
using Portal.Core.Catalog;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Documents;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Links;
using Portal.Core.Notifications;
using Portal.Core.Processing;
using Portal.Core.Processing.Deadlines;

// Usage: dotnet run -c Release --project bench/Deadlines -- <sqlite|postgres> <dossiers> <database: SQLite file or PostgreSQL connection string> [--reuse]
// Loads the database (unless --reuse finds it loaded), then times the deadline sweep and the officials' worklist queries.
var provider = args.Length > 0 && args[0] == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var target = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"portal-bench-{count}.db");
var reuse = args.Contains("--reuse");

var options = provider == DatabaseProvider.Postgres
    ? new DatabaseOptions { Provider = provider, ConnectionString = target }
    : new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={target};Default Timeout=600" };
var clock = new ManualTime(DateTime.UtcNow);
var services = new ServiceCollection();
services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None));
services.AddSingleton<TimeProvider>(clock);
services.AddSingleton(Options.Create(new WorkingTimeOptions()));
services.AddSingleton<CalendarProvider>();
services.AddPortalDatabase(options);
services.AddSingleton<IPasswordHasher<PortalUser>, PasswordHasher<PortalUser>>();
services.AddSingleton<IDocumentStore>(new FileSystemDocumentStore(Path.Combine(Path.GetTempPath(), "portal-bench-documents")));
services.AddProcessing(new ConfigurationBuilder().Build());
services.Configure<OutboxOptions>(_ => { });
services.AddSingleton(new PublicUrls(PublicUrls.DevelopmentDefault, allowHttp: true));
services.AddScoped<DemoSeeder>();
services.AddCatalogue(new ConfigurationBuilder().Build(), Path.GetTempPath());
await using var root = services.BuildServiceProvider();

async Task<T> Scoped<T>(Func<IServiceProvider, Task<T>> work)
{
    await using var scope = root.CreateAsyncScope();
    return await work(scope.ServiceProvider);
}

Console.WriteLine($"# {provider}, {count:N0} dossiers ({target.Split(';')[0]})");
var loaded = await Scoped(async sp =>
{
    var db = sp.GetRequiredService<PortalDb>();
    if (provider == DatabaseProvider.Postgres)
    {
        var cs = new NpgsqlConnectionStringBuilder(target);
        var name = cs.Database!;
        cs.Database = "postgres";
        await using var admin = new NpgsqlConnection(cs.ConnectionString);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", admin);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
    }

    await DatabaseSetup.MigrateAsync(db);
    var ready = reuse && await db.Dossiers.CountAsync() >= count;
    if (ready && db.IsPostgres)
    {
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"Dossiers\"");
    }

    return ready;
});

if (!loaded)
{
    var seeding = Stopwatch.StartNew();
    await Scoped(async sp =>
    {
        // What ReferenceDataSeeder does through Identity's role manager, without the web host.
        var db = sp.GetRequiredService<PortalDb>();
        if (!await db.Roles.AnyAsync())
        {
            db.Roles.AddRange(Roles.All.Select(r => new PortalRole(r)));
            db.CalendarAdjustments.AddRange(ReferenceDataSeeder.OfficialDecisions.Select(a => new CalendarAdjustment(a.Date, a.Kind, a.Note)));
            await db.SaveChangesAsync();
        }

        await sp.GetRequiredService<CatalogueSync>().SyncAsync();
        await sp.GetRequiredService<DemoSeeder>().SeedAsync(0);
        return 0;
    });
    var load = await Scoped(sp => BulkLoad.RunAsync(sp.GetRequiredService<PortalDb>(), count, clock.GetUtcNow().UtcDateTime));
    Console.WriteLine($"Loaded {count:N0} dossiers in {seeding.Elapsed.TotalMinutes:0.0} min (indexes rebuilt in {load.TotalSeconds:0} s)");
}

var results = new List<(string What, string Figure)>();
void Report(string what, IReadOnlyList<double> ms, string? extra = null)
{
    var sorted = ms.Order().ToList();
    var median = sorted[sorted.Count / 2];
    var p95 = sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(sorted.Count * 0.95) - 1)];
    var figure = string.Create(CultureInfo.InvariantCulture, $"median {median:0.0} ms, p95 {p95:0.0} ms ({ms.Count} runs){(extra is null ? "" : ", " + extra)}");
    results.Add((what, figure));
    Console.WriteLine($"| {what} | {figure} |");
}

// The sweep: a first run (no cursor: looks back a week), then one run per simulated minute, then runs with nothing new.
var open = await Scoped(sp => sp.GetRequiredService<PortalDb>().Dossiers.CountAsync(d => Dossier.ClockRunningStatuses.Contains(d.Status)));
Console.WriteLine($"Open dossiers with a running clock: {open:N0}");
await Scoped(sp => sp.GetRequiredService<PortalDb>().Database.ExecuteSqlRawAsync("DELETE FROM \"SweepCursors\"; DELETE FROM \"DeadlineMarks\";"));
async Task<(double Ms, int Marks)> SweepAsync() => await Scoped(async sp =>
{
    var job = new DeadlineSweepJob(sp.GetRequiredService<PortalDb>(), sp.GetRequiredService<CalendarProvider>(), clock,
        sp.GetRequiredService<IOptions<DeadlineOptions>>(), sp.GetRequiredService<PublicUrls>(), NullLogger<DeadlineSweepJob>.Instance);
    var watch = Stopwatch.StartNew();
    var outcome = await job.SweepAsync(CancellationToken.None);
    return (watch.Elapsed.TotalMilliseconds, outcome.DueSoon + outcome.Overdue);
});

var first = await SweepAsync();
results.Add(("Sweep, first run (a week back, every mark written)", string.Create(CultureInfo.InvariantCulture, $"{first.Ms:0} ms for {first.Marks:N0} marks")));
Console.WriteLine($"| Sweep, first run | {first.Ms:0} ms, {first.Marks:N0} marks |");
var minutes = new List<double>();
var marks = 0;
for (var m = 0; m < 30; m++)
{
    clock.Advance(TimeSpan.FromMinutes(1));
    var run = await SweepAsync();
    minutes.Add(run.Ms);
    marks += run.Marks;
}

Report("Sweep, each following minute (new due-soon and overdue marks with their mails)", minutes, string.Create(CultureInfo.InvariantCulture, $"{marks / 30.0:0.0} marks a run"));
var idle = new List<double>();
for (var i = 0; i < 30; i++)
{
    idle.Add((await SweepAsync()).Ms);
}

Report("Sweep with nothing new (the index scan alone)", idle);

// The worklist, as the page asks it (rows, counts per status, overdue and due-soon counts, my steps).
var who = await Scoped(async sp =>
{
    var db = sp.GetRequiredService<PortalDb>();
    var agency = await db.Agencies.Where(a => a.Code == "000.20.01.H31").Select(a => a.Id).SingleAsync();
    var user = await db.Users.SingleAsync(u => u.Email == "chuyenvien.hongbang@" + DemoSeeder.EmailDomain);
    return new OfficialContext(user.Id, user.FullName, new HashSet<string> { Roles.Handler }, agency, "127.0.0.1");
});
var depth = Math.Min(50_000, count / 25);
var deep = await Scoped(async sp =>
{
    var db = sp.GetRequiredService<PortalDb>();
    var row = await db.Dossiers.Where(d => d.AgencyId == who.AgencyId && d.DueAt != null).OrderBy(d => d.DueAt).ThenBy(d => d.Id)
        .Skip(depth - 1).Select(d => new { d.DueAt, d.Id }).FirstAsync();
    return string.Create(CultureInfo.InvariantCulture, $"{row.DueAt!.Value.Ticks}_{row.Id}");
});
var sample = await Scoped(sp => sp.GetRequiredService<PortalDb>().Dossiers.Where(d => d.AgencyId == who.AgencyId).OrderByDescending(d => d.Id)
    .Select(d => new { d.Code, d.Applicant.IdNumber, d.Applicant.Phone }).FirstAsync());
var agencySize = await Scoped(sp => sp.GetRequiredService<PortalDb>().Dossiers.CountAsync(d => d.AgencyId == who.AgencyId));
var withDue = await Scoped(sp => sp.GetRequiredService<PortalDb>().Dossiers.CountAsync(d => d.AgencyId == who.AgencyId && d.DueAt != null));
var middle = Math.Max(2, (withDue + Worklist.PageSize - 1) / Worklist.PageSize / 2);
Console.WriteLine($"The measured agency holds {agencySize:N0} dossiers ({withDue:N0} received: {middle * 2} pages of every status).");

var queries = new (string What, WorklistFilter Filter)[]
{
    ("Agency queue, open dossiers, first page", new WorklistFilter()),
    ("Agency queue, every status, first page", new WorklistFilter(AllStatuses: true)),
    ($"Agency queue, every status, a page {depth:N0} rows deep (keyset, its number carried by the link)", new WorklistFilter(AllStatuses: true, After: deep, Page: (depth / Worklist.PageSize) + 1)),
    ($"Agency queue, every status, a page {depth:N0} rows deep (keyset) without its number (counted from the rows before)", new WorklistFilter(AllStatuses: true, After: deep, Page: null)),
    ("Agency queue, every status, jump to page 1 000 (offset)", new WorklistFilter(AllStatuses: true, Page: 1000)),
    ($"Agency queue, every status, jump to the middle page {middle} (offset, the deepest read)", new WorklistFilter(AllStatuses: true, Page: middle)),
    ("Agency queue, every status, jump to the last page (read from the end)", new WorklistFilter(AllStatuses: true, Page: int.MaxValue)),
    ("Agency queue, open dossiers, jump to the last page (statuses merged)", new WorklistFilter(Page: int.MaxValue)),
    ("Search \"nguyen van\", jump to page 10", new WorklistFilter(Query: "nguyen van", Page: 10)),
    ("Overdue filter", new WorklistFilter(OverdueOnly: true)),
    ("Filter by status 10 and procedure", new WorklistFilter(Status: DossierStatus.ResultReturned, ProcedureId: 1)),
    ("Search by applicant name without diacritics (\"nguyen van\")", new WorklistFilter(Query: "nguyen van")),
    ("Search from a later word of the name (\"van an\")", new WorklistFilter(Query: "van an")),
    ("Search for a word no name holds (\"zzz\": the whole agency read)", new WorklistFilter(Query: "zzz")),
    ("Search by CCCD", new WorklistFilter(Query: sample.IdNumber)),
    ("Search by the last 4 digits of a CCCD", new WorklistFilter(Query: sample.IdNumber![^4..])),
    ("Search by phone", new WorklistFilter(Query: sample.Phone)),
    ("Search by code", new WorklistFilter(Query: sample.Code)),
    ("My tasks", new WorklistFilter(View: WorklistView.Mine)),
};
foreach (var (what, filter) in queries)
{
    var times = new List<double>();
    var (rows, total, number) = (0, 0, 0);
    for (var i = 0; i < 25; i++)
    {
        var (ms, page) = await Scoped(async sp =>
        {
            var watch = Stopwatch.StartNew();
            var result = await sp.GetRequiredService<Worklist>().GetAsync(who, filter, CancellationToken.None);
            return (watch.Elapsed.TotalMilliseconds, result);
        });
        if (i > 0)
        {
            times.Add(ms);
        }

        rows = page.Rows.Count;
        (total, number) = (page.Total, page.PageNumber);
    }

    Report($"Worklist: {what}", times, $"{rows} rows, total {total:N0}, page {number:N0}");
}

Console.WriteLine();
Console.WriteLine($"## {provider}, {count:N0} dossiers, {open:N0} open");
foreach (var (what, figure) in results)
{
    Console.WriteLine($"| {what} | {figure} |");
}

namespace Portal.Bench.Deadlines
{
    /// <summary>A clock the benchmark moves by hand (the sweep's minutes pass instantly).</summary>
    internal sealed class ManualTime(DateTime start) : TimeProvider
    {
        private DateTime _now = start;

        public override DateTimeOffset GetUtcNow() => new(_now, TimeSpan.Zero);

        public void Advance(TimeSpan by) => _now += by;
    }
}
