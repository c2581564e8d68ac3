using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Bench.Chaos;
using Portal.Core.Data;

// Usage (bench/chaos.sh prepares the folder, the certificate and PostgreSQL):
//   dotnet Chaos.dll <sqlite|postgres> <database connection string> <data directory> <Portal.Web.dll> <url> <cert.pem> <key.pem>
//     [--submissions 400] [--kills 24] [--citizens 6] [--officials 3] [--seed 1] [--gap-min 2] [--gap-max 9]
// --gap-min/--gap-max: seconds of uptime between a restart and the next kill (uniform). The short default suits a quiet
// machine; on a loaded one a restart takes 10–20 s, so a longer gap keeps the load moving between the kills.
var provider = args[0] == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
var connection = args[1];
var data = args[2];
var dll = args[3];
var url = args[4];
int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

var submissions = Option("--submissions", 400);
var minKills = Option("--kills", 24);
var citizens = Option("--citizens", 6);
var officials = Option("--officials", 3);
var random = new Random(Option("--seed", 1));
var gapMin = Option("--gap-min", 2);
var gapMax = Math.Max(gapMin + 1, Option("--gap-max", 9));

var settings = new Dictionary<string, string>
{
    // As in production (HTTPS, Secure cookies, encrypted keys), but Benchmark: the driver signs in with the demo accounts,
    // which a Production start refuses.
    ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
    ["Portal__PublicBaseUrl"] = url,
    // chaos.sh writes the same throwaway key as a PFX beside the PEM files.
    ["DataProtection__CertificatePath"] = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args[5]))!, "cert.pfx"),
    ["DataProtection__CertificatePassword"] = "bench",
    ["Database__Provider"] = provider.ToString(),
    ["Database__ConnectionString"] = connection,
    ["Portal__DataDirectory"] = data,
    ["Portal__NodeRoles"] = "web,worker",
    ["Portal__SeedDemo"] = "true",
    ["Portal__DemoDossiers"] = "0",
    // A message claimed by a worker that was killed is taken up again after this (default 5 min).
    ["Outbox__ClaimFor"] = "00:00:30",
    ["Hangfire__PollSeconds"] = "1",
    ["RateLimits__LoginPerMinute"] = "100000",
    ["Logging__LogLevel__Default"] = "Warning",
    ["Kestrel__Endpoints__Https__Url"] = url,
    ["Kestrel__Endpoints__Https__Certificate__Path"] = args[5],
    ["Kestrel__Endpoints__Https__Certificate__KeyPath"] = args[6],
};

var watch = Stopwatch.StartNew();
await using var portal = new PortalProcess(dll, url, settings, Path.Combine(data, "..", "portal.log"));
await portal.StartAsync();
Console.WriteLine($"Portal up in {portal.StartSeconds[0]:0.0} s (first start: migrations, reference data, demo accounts)");

var services = new ServiceCollection();
services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
services.AddPortalDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connection });
await using var root = services.BuildServiceProvider();
async Task<T> Db<T>(Func<PortalDb, Task<T>> query)
{
    await using var scope = root.CreateAsyncScope();
    return await query(scope.ServiceProvider.GetRequiredService<PortalDb>());
}

var (procedureId, agencyId) = await Db(async db => (
    await db.Procedures.Where(p => p.Code == "1.001193").Select(p => p.Id).SingleAsync(),
    await db.Agencies.Where(a => a.Code == "000.20.01.H31").Select(a => a.Id).SingleAsync()));

var stats = new Stats();
// The run's own self-signed certificate, and only it.
using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(args[5]));
var pinned = certificate.GetCertHashString();
using var http = new HttpClient(new SocketsHttpHandler
{
    AllowAutoRedirect = false,
    UseCookies = false,
    MaxConnectionsPerServer = 64,
    SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == pinned },
})
{
    Timeout = TimeSpan.FromSeconds(60),
};
var workload = new Workload(http, portal, stats);
var load = workload.RunAsync(submissions, citizens, officials, procedureId, agencyId);

// The crash loop: kill -9 at a random moment gapMin–gapMax s after each start, start again at once; at least minKills kills, and on until the load is done.
var kills = 0;
var killTimes = new List<double>();
while (!load.IsCompleted || kills < minKills)
{
    await Task.WhenAny(load, Task.Delay(random.Next(gapMin * 1000, gapMax * 1000)));
    if (load.IsFaulted)
    {
        break;
    }

    if (load.IsCompleted && kills >= minKills)
    {
        break;
    }

    killTimes.Add(watch.Elapsed.TotalSeconds);
    portal.Kill();
    kills++;
    Console.WriteLine($"  kill {kills} at {watch.Elapsed.TotalSeconds:0} s: {workload.Acknowledgements.Count} submissions and {stats.Actions} actions acknowledged so far");
    await portal.StartAsync();
}

await load;
var loadSeconds = watch.Elapsed.TotalSeconds;
Console.WriteLine($"Load done in {loadSeconds:0} s: {workload.Acknowledgements.Count} submissions, {stats.Actions} official actions acknowledged, {kills} kills, " +
    $"{stats.Requests} requests ({stats.Cut} cut by kills and retried), {stats.Conflicts} stale-page conflicts");

// Let the worker finish what the kills left: claimed messages are taken up again after the claim, lost jobs by the sweep.
var drainWatch = Stopwatch.StartNew();
while (drainWatch.Elapsed < TimeSpan.FromMinutes(8))
{
    var left = await Db(db => db.Outbox.CountAsync(m => m.ProcessedAt == null && m.DeadAt == null));
    if (left == 0)
    {
        break;
    }

    await Task.Delay(2000);
}

Console.WriteLine($"Outbox drained {drainWatch.Elapsed.TotalSeconds:0} s after the load");
portal.Kill();

var problems = await Db(db => Verify.RunAsync(db, data, [.. workload.Acknowledgements], [.. workload.Started], Console.WriteLine));
problems.AddRange(stats.Findings);
var starts = portal.StartSeconds.Skip(1).Order().ToList();
Console.WriteLine();
Console.WriteLine($"## Chaos, {provider}: {workload.Acknowledgements.Count} submissions + {stats.Actions} official actions acknowledged over HTTP, " +
    $"{kills} kill -9, {watch.Elapsed.TotalMinutes:0.0} min in all ({loadSeconds:0} s of load)");
if (starts.Count > 0)
{
    Console.WriteLine($"Restart to first page after a kill: median {starts[starts.Count / 2]:0.00} s, max {starts[^1]:0.00} s");
}

Console.WriteLine(problems.Count == 0 ? "Findings: none; every invariant holds." : $"Findings ({problems.Count}):");
foreach (var problem in problems.Take(100))
{
    Console.WriteLine("  - " + problem);
}

return problems.Count == 0 ? 0 : 1;
