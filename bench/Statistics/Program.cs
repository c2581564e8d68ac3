using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Bench.Statistics;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Statistics;

// dotnet run -c Release --project bench/Statistics -- [--provider sqlite|postgres] [--dossiers 1000000] [--runs 30] [--baseline-runs 3]
//   [--dir /tmp/portal-bench] [--pg "Host=127.0.0.1;Port=55432;Username=postgres"]
var options = Args.Parse(args);
var ct = CancellationToken.None;
var zone = new WorkingTimeOptions().ResolveTimeZone();
var calendar = new WorkingCalendar(new WorkingTimeOptions(), ReferenceDataSeeder.OfficialDecisions);
var sets = new DossierSets(zone);
var now = DateTime.UtcNow;
var today = calendar.LocalDate(now);
var lastYear = Period.Year(today.Year - 1);

PortalDb NewContext() => options.Postgres
    ? new PostgresPortalDb(new DbContextOptionsBuilder<PostgresPortalDb>().UseNpgsql(options.ConnectionString, o => o.CommandTimeout(3600)).Options)
    : new SqlitePortalDb(new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite(options.ConnectionString, o => o.CommandTimeout(3600)).Options);

Console.WriteLine($"# {options.Dossiers:N0} dossiers on {(options.Postgres ? "PostgreSQL" : "SQLite")}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
await PrepareAsync();

// The two ways must agree before their speed is compared.
await using (var db = NewContext())
{
    foreach (var period in new[] { lastYear, Period.Year(today.Year) })
    {
        var asOf = period.AsOf(today);
        var old = await Baseline.FiguresAsync(db, sets, period, asOf, ct);
        var snapshot = await new StatisticsReader(db).ReadAsync(period, today, StatisticsScope.Province, detailed: true, ct: ct);
        var mismatches = 0;
        foreach (var key in old.Keys.Union(snapshot.ByKey.Keys))
        {
            var a = old.GetValueOrDefault(key) ?? new long[Baseline.Compared.Length];
            var b = snapshot.ByKey.GetValueOrDefault(key) ?? Figures.Empty;
            mismatches += Baseline.Compared.Where((f, i) => a[i] != b[f]).Count();
        }

        var total = Figures.Sum(snapshot.ByKey.Values);
        Console.WriteLine($"check {period.English}: {old.Count} keys, received {total.Received:N0}, finished {total.Finished:N0}, in progress {total.InProgress:N0}, mismatches {mismatches}");
        if (mismatches > 0)
        {
            return 1;
        }
    }
}

var results = new List<(string Name, Stats Stats)>
{
    ("Dashboard, province, last year (buckets)", await TimeAsync(options.Runs, async db =>
    {
        var config = StatisticsConfiguration.Load(null);
        var dashboard = await new BuildDashboard(db, new StatisticsReader(db), config).HandleAsync(lastYear, StatisticsScope.Province, today, null, ct);
        _ = dashboard.Snapshot.ByAgency();
        _ = dashboard.Snapshot.BySector();
        _ = dashboard.Snapshot.ByProcedure();
    })),
    ("II.06a, province, last year (buckets)", await TimeAsync(options.Runs, async db =>
    {
        var snapshot = await new StatisticsReader(db).ReadAsync(lastYear, today, StatisticsScope.Province, ct: ct);
        _ = ReportII06a.Build(snapshot, await StatisticsCatalog.LoadAsync(db, ct), "Tỉnh", null, now);
    })),
    ("Dashboard, province, this year to date (buckets)", await TimeAsync(options.Runs, async db =>
    {
        var config = StatisticsConfiguration.Load(null);
        _ = await new BuildDashboard(db, new StatisticsReader(db), config).HandleAsync(Period.Year(today.Year), StatisticsScope.Province, today, null, ct);
    })),
    ("II.06a, province, last month (buckets)", await TimeAsync(options.Runs, async db =>
    {
        var month = Period.Month(today.AddMonths(-1).Year, today.AddMonths(-1).Month);
        var snapshot = await new StatisticsReader(db).ReadAsync(month, today, StatisticsScope.Province, ct: ct);
        _ = ReportII06a.Build(snapshot, await StatisticsCatalog.LoadAsync(db, ct), "Tỉnh", null, now);
    })),
    ("Dashboard, one commune, last year (buckets)", await TimeAsync(options.Runs, async db =>
    {
        var config = StatisticsConfiguration.Load(null);
        var commune = await db.Agencies.Where(a => a.Level == Portal.Core.Catalog.AgencyLevel.Commune).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(ct);
        _ = await new BuildDashboard(db, new StatisticsReader(db), config).HandleAsync(lastYear, new StatisticsScope(commune), today, null, ct);
    })),
    ("  of which: bucket read, province, last year", await TimeAsync(options.Runs, async db =>
    {
        _ = await new StatisticsReader(db).ReadAsync(lastYear, today, StatisticsScope.Province, ct: ct);
    })),
    ("  of which: catalogue names and facts", await TimeAsync(options.Runs, async db =>
    {
        _ = await StatisticsCatalog.LoadAsync(db, ct);
    })),
    ("  of which: twelve months of the year", await TimeAsync(options.Runs, async db =>
    {
        _ = await new StatisticsReader(db).MonthlyAsync(lastYear.From.Year, StatisticsScope.Province, ct);
    })),
    ("Dashboard, province, last year (plain GROUP BY)", await TimeAsync(options.BaselineRuns, async db =>
    {
        _ = await Baseline.FiguresAsync(db, sets, lastYear, lastYear.AsOf(today), ct);
        _ = await Baseline.MonthlyAsync(db, sets, lastYear.From.Year, ct);
        _ = await StatisticsCatalog.LoadAsync(db, ct);
    })),
    ("II.06a, province, last year (plain GROUP BY)", await TimeAsync(options.BaselineRuns, async db =>
    {
        _ = await Baseline.FiguresAsync(db, sets, lastYear, lastYear.AsOf(today), ct);
        _ = await StatisticsCatalog.LoadAsync(db, ct);
    })),
};

Console.WriteLine();
Console.WriteLine("| measurement | runs | median ms | p95 ms | min ms |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var (name, s) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {s.Runs} | {s.Median:0.0} | {s.P95:0.0} | {s.Min:0.0} |"));
}

var dashboardRatio = results.Single(r => r.Name.StartsWith("Dashboard, province, last year (plain", StringComparison.Ordinal)).Stats.Median / results[0].Stats.Median;
var reportRatio = results.Single(r => r.Name.StartsWith("II.06a, province, last year (plain", StringComparison.Ordinal)).Stats.Median / results[1].Stats.Median;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nplain GROUP BY ÷ buckets (median): dashboard {dashboardRatio:0}×, II.06a {reportRatio:0}×"));
return 0;

async Task<Stats> TimeAsync(int runs, Func<PortalDb, Task> work)
{
    for (var i = 0; i < (runs > 3 ? Math.Min(10, runs) : 1); i++)
    {
        await using var warm = NewContext();
        await work(warm);
    }

    if (runs == 0)
    {
        return new Stats(0, double.NaN, double.NaN, double.NaN);
    }

    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        await using (var db = NewContext())
        {
            await work(db);
        }

        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return new Stats(runs, times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)], times[0]);
}

async Task PrepareAsync()
{
    if (options.Postgres)
    {
        var admin = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = "postgres" }.ToString();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        var name = new NpgsqlConnectionStringBuilder(options.ConnectionString).Database!;
        await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", connection);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    await using var db = NewContext();
    await DatabaseSetup.MigrateAsync(db, ct);
    await SeedLeaderAsync(db);
    var existing = await db.Dossiers.LongCountAsync(ct);
    if (existing == options.Dossiers)
    {
        Console.WriteLine($"reusing the seeded database ({existing:N0} dossiers)");
        return;
    }

    if (existing != 0)
    {
        throw new InvalidOperationException($"The bench database holds {existing:N0} dossiers, not {options.Dossiers:N0}: delete it first.");
    }

    var clock = Stopwatch.StartNew();
    var catalog = await BenchCatalog.CreateAsync(db, ct);
    var random = new Random(31);
    var start = now.AddYears(-3);
    const int chunk = 250_000;
    for (long done = 0; done < options.Dossiers; done += chunk)
    {
        var count = (int)Math.Min(chunk, options.Dossiers - done);
        var batch = new List<BenchDossier>(count);
        for (var i = 0; i < count; i++)
        {
            batch.Add(BenchDossier.Generate(done + i, random, catalog, calendar, start, now));
        }

        await DossierLoader.LoadAsync(db, batch, ct);
        var deltas = new BucketDeltas();
        foreach (var d in batch)
        {
            d.BookInto(deltas, zone);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await BucketWriter.ApplyAsync(db, deltas, ct);
            await transaction.CommitAsync(ct);
        }

        Console.Write($"\rseeded {done + count:N0} dossiers in {clock.Elapsed.TotalSeconds:0} s");
    }

    if (db.IsPostgres)
    {
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", ct);
    }
    else
    {
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
    }

    var buckets = await db.StatisticsBuckets.LongCountAsync(ct);
    Console.WriteLine($"\nseeded {options.Dossiers:N0} dossiers, {catalog.Pairs.Count:N0} agency × procedure pairs, {buckets:N0} bucket rows in {clock.Elapsed.TotalSeconds:0} s");
}

// A province leader to time the real pages with (see docs/PERFORMANCE.md): lanhdao@bench.local / Bench@2026.
async Task SeedLeaderAsync(PortalDb db)
{
    if (await db.Users.AnyAsync(u => u.Email == "lanhdao@bench.local", ct))
    {
        return;
    }

    var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Leader, ct) ?? new PortalRole(Roles.Leader);
    if (db.Entry(role).State == EntityState.Detached)
    {
        db.Roles.Add(role);
    }

    var user = new PortalUser
    {
        Id = Guid.NewGuid(),
        UserName = "lanhdao@bench.local",
        NormalizedUserName = "LANHDAO@BENCH.LOCAL",
        Email = "lanhdao@bench.local",
        NormalizedEmail = "LANHDAO@BENCH.LOCAL",
        EmailConfirmed = true,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        FullName = "Lãnh đạo thử tải",
        CreatedAt = now,
    };
    user.PasswordHash = new PasswordHasher<PortalUser>().HashPassword(user, "Bench@2026");
    db.Users.Add(user);
    db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
    await db.SaveChangesAsync(ct);
}

internal sealed record Stats(int Runs, double Median, double P95, double Min);

internal sealed record Args(bool Postgres, long Dossiers, int Runs, int BaselineRuns, string ConnectionString)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var postgres = string.Equals(Value("--provider"), "postgres", StringComparison.OrdinalIgnoreCase);
        var dossiers = long.Parse(Value("--dossiers") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Value("--runs") ?? "30", CultureInfo.InvariantCulture);
        var dir = Value("--dir") ?? Path.Combine(Path.GetTempPath(), "portal-bench");
        Directory.CreateDirectory(dir);
        var connection = postgres
            ? new NpgsqlConnectionStringBuilder(Value("--pg") ?? "Host=127.0.0.1;Port=55432;Username=postgres") { Database = $"portal_bench_{dossiers}", CommandTimeout = 3600 }.ToString()
            : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, $"bench-{dossiers}.db") }.ToString();
        return new Args(postgres, dossiers, runs, int.Parse(Value("--baseline-runs") ?? "3", CultureInfo.InvariantCulture), connection);
    }
}
