using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Bench.Deadlines;
using Portal.Core.Catalog;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Documents;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Core.Links;
using Portal.Core.Notifications;
using Portal.Core.Processing;
using Portal.Core.Statistics;

// The helper of bench/load/run.sh (see docs/PERFORMANCE.md):
//   prepare <sqlite|postgres> <database> <dossiers> <drafts> <out-dir>
//       migrates, seeds the reference data and demo accounts, bulk-loads the dossiers (unless already there), adds
//       complete drafts for the demo citizen (each one a new filing for the submit benchmark) and samples existing
//       codes for the lookup benchmarks: <out-dir>/drafts.txt, <out-dir>/codes.txt.
//   login <base-url> <email> <page> <out-file>
//       signs in (anonymous when the email is "-"), reads the antiforgery token of <page>, writes "cookie\ntoken".
//   filed <sqlite|postgres> <database> <drafts-file>
//       how many of those drafts are filed now (status 1 with a code) and how many outbox rows they left.
return args.FirstOrDefault() switch
{
    "prepare" => await Bench.PrepareAsync(args[1], args[2], Int(args[3]), Int(args[4]), args[5]),
    "login" => await Bench.LoginAsync(args[1], args[2], args[3], args[4]),
    "filed" => await Bench.FiledAsync(args[1], args[2], args[3]),
    _ => Usage(),
};

static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: prepare <sqlite|postgres> <db> <dossiers> <drafts> <out-dir> | login <url> <email|-> <page> <out> | filed <sqlite|postgres> <db> <drafts-file>");
    return 2;
}

internal static class Bench
{
    public const string Password = "HaiPhong@2026";
    public const string Citizen = "congdan@" + DemoSeeder.EmailDomain;
    private const string BirthRegistration = "1.001193";
    private const string Agency = "000.20.01.H31";

    private static readonly Dictionary<string, string> BirthForm = new()
    {
        ["subject_name"] = "Trần Minh Khang",
        ["subject_dob"] = "2026-11-20",
        ["subject_gender"] = "Nam",
        ["subject_residence"] = "Số 8 Lạch Tray, phường Lê Chân, thành phố Hải Phòng",
        ["relation"] = "Mẹ",
    };

    private static ServiceProvider Services(string provider, string database)
    {
        var options = provider == "postgres"
            ? new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database }
            : new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={database};Default Timeout=600" };
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None));
        services.AddSingleton(TimeProvider.System);
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
        return services.BuildServiceProvider();
    }

    public static async Task<int> PrepareAsync(string provider, string database, int dossiers, int drafts, string outDir)
    {
        Directory.CreateDirectory(outDir);
        if (provider == "postgres")
        {
            await CreatePostgresDatabaseAsync(database);
        }

        await using var root = Services(provider, database);
        var watch = Stopwatch.StartNew();
        await using (var scope = root.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            await DatabaseSetup.MigrateAsync(db);
            if (!await db.Roles.AnyAsync())
            {
                // What ReferenceDataSeeder does through Identity's role manager, without the web host.
                db.Roles.AddRange(Roles.All.Select(r => new PortalRole(r)));
                db.CalendarAdjustments.AddRange(ReferenceDataSeeder.OfficialDecisions.Select(a => new CalendarAdjustment(a.Date, a.Kind, a.Note)));
                await db.SaveChangesAsync();
                await scope.ServiceProvider.GetRequiredService<CatalogueSync>().SyncAsync();
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(0);
            }

            var filed = await db.Dossiers.CountAsync(d => d.Code != null);
            if (filed < dossiers)
            {
                Console.WriteLine($"Loading {dossiers:N0} dossiers ({filed:N0} there)…");
                await BulkLoad.RunAsync(db, dossiers, DateTime.UtcNow);
                Console.WriteLine($"Loaded in {watch.Elapsed.TotalMinutes:0.0} min");
            }
            else if (db.IsPostgres)
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"Dossiers\"");
            }

            if (!await db.StatisticsBuckets.AnyAsync())
            {
                await BookBucketsAsync(db);
                Console.WriteLine($"Statistics buckets booked after {watch.Elapsed.TotalMinutes:0.0} min");
            }
        }

        var ids = await AddDraftsAsync(root, drafts);
        await File.WriteAllLinesAsync(Path.Combine(outDir, "drafts.txt"), ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        var codes = await SampleCodesAsync(root, 20_000);
        await File.WriteAllLinesAsync(Path.Combine(outDir, "codes.txt"), codes);
        await using (var scope = root.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            Console.WriteLine($"Ready in {watch.Elapsed.TotalSeconds:0} s: {await db.Dossiers.CountAsync(d => d.Code != null):N0} filed dossiers, " +
                $"{ids.Count:N0} new complete drafts, {codes.Count:N0} sampled codes");
        }

        return 0;
    }

    /// <summary>
    /// The leaders' dashboard reads the statistics buckets, which the change sink keeps in step with every saved dossier;
    /// the bulk load writes rows straight into the table, so the buckets are booked here from those rows, with the
    /// sink's own <see cref="DossierFacts.BookInto"/> (pause counters aside: the bulk rows carry no history).
    /// </summary>
    private static async Task BookBucketsAsync(PortalDb db)
    {
        var zone = new WorkingTimeOptions().ResolveTimeZone();
        var resultIsDocument = await db.ProcedureVersions.AsNoTracking().ToDictionaryAsync(v => v.Id, v => v.ResultIsDocument);
        var last = 0L;
        var booked = 0L;
        while (true)
        {
            var rows = await db.Dossiers.AsNoTracking().Where(d => d.Id > last && d.ReceivedAt != null).OrderBy(d => d.Id).Take(500_000)
                .Select(d => new
                {
                    d.Id,
                    Facts = new DossierFacts(d.AgencyId, d.SectorId, d.ProcedureId, d.ProcedureVersionId, d.Channel, d.Status, d.ReceivedAt, d.PromisedAt,
                        d.FinishedAt, d.EffectiveEndAt, d.ProcessingSupplementCount, d.HasElectronicResult, d.IsDigitised, d.Payment, d.SyncedAt != null, d.Rating),
                })
                .ToListAsync();
            if (rows.Count == 0)
            {
                return;
            }

            var deltas = new BucketDeltas();
            foreach (var row in rows)
            {
                row.Facts.BookInto(deltas, +1, zone, resultIsDocument[row.Facts.VersionId]);
            }

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await BucketWriter.ApplyAsync(db, deltas, CancellationToken.None);
                await transaction.CommitAsync();
            }

            last = rows[^1].Id;
            booked += rows.Count;
            Console.WriteLine($"  {booked:N0} dossiers booked into the statistics buckets");
        }
    }

    private static async Task CreatePostgresDatabaseAsync(string database)
    {
        var cs = new NpgsqlConnectionStringBuilder(database);
        var name = cs.Database!;
        cs.Database = "postgres";
        await using var admin = new NpgsqlConnection(cs.ConnectionString);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", admin);
        exists.Parameters.AddWithValue("n", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            // The name comes from the benchmark's own connection string.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Complete drafts of a birth registration at Hồng Bàng for the demo citizen, made through the domain methods as the
    /// wizard makes them (applicant from the profile, the e-form's answers, one file row per required document), so that
    /// each POST /nop-ho-so/{id}/nop of the benchmark files a new dossier.
    /// </summary>
    private static async Task<List<long>> AddDraftsAsync(ServiceProvider root, int count)
    {
        var ids = new List<long>(count);
        await using var scope = root.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        db.SignalOutbox = false;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == Citizen);
        var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Code == BirthRegistration);
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == procedure.CurrentVersionId);
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Code == Agency);
        var json = FormAnswers.FromInput(version.Form, key => BirthForm.GetValueOrDefault(key)).ToJson();
        var mandatory = version.Documents.Select((d, i) => (d, i)).Where(x => x.d.Mandatory).ToList();
        for (var done = 0; done < count; done += 2000)
        {
            var batch = new List<Dossier>();
            for (var i = done; i < Math.Min(count, done + 2000); i++)
            {
                var now = DateTime.UtcNow;
                var draft = Dossier.StartDraft(new ProcedureRef(procedure.Id, version.Id, procedure.SectorId), agency.Id, user.ToApplicant(), user.Id, now);
                draft.SetFormData(json, now);
                foreach (var (document, index) in mandatory)
                {
                    draft.AddDocument(new DossierDocument(DocumentKind.Submitted, index, document.Name, $"giay-to-{index}.pdf", "application/pdf", 68,
                        new string('0', 64), $"bench/{Guid.NewGuid():N}", now, user.Id), now);
                }

                batch.Add(draft);
            }

            var gaps = DraftGaps.Of(batch[0], version);
            if (!gaps.Complete)
            {
                throw new InvalidOperationException("The benchmark's draft is not complete: " + string.Join(" ", gaps.Applicant.Concat(gaps.Form).Concat(gaps.Documents)));
            }

            db.Dossiers.AddRange(batch);
            await db.SaveChangesAsync();
            ids.AddRange(batch.Select(d => d.Id));
            db.ChangeTracker.Clear();
        }

        return ids;
    }

    /// <summary>Codes of dossiers picked at random over the whole table (the lookups' keys).</summary>
    private static async Task<List<string>> SampleCodesAsync(ServiceProvider root, int count)
    {
        await using var scope = root.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var max = await db.Dossiers.MaxAsync(d => d.Id);
        var random = new Random(6);
        var codes = new List<string>(count);
        while (codes.Count < count)
        {
            var ids = Enumerable.Range(0, 500).Select(_ => random.NextInt64(1, max + 1)).ToList();
            codes.AddRange(await db.Dossiers.AsNoTracking().Where(d => ids.Contains(d.Id) && d.Code != null).Select(d => d.Code!).ToListAsync());
        }

        return codes.Take(count).ToList();
    }

    public static async Task<int> LoginAsync(string baseUrl, string email, string page, string outFile)
    {
        var cookies = new Dictionary<string, string>();
        using var http = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            // The benchmark's own self-signed certificate on loopback.
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        }) { BaseAddress = new Uri(baseUrl) };

        async Task<(HttpStatusCode Status, string Html)> SendAsync(HttpMethod method, string url, Dictionary<string, string>? form = null)
        {
            using var request = new HttpRequestMessage(method, url);
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            if (form is not null)
            {
                request.Content = new FormUrlEncodedContent(form);
            }

            using var response = await http.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';', 2)[0].Split('=', 2);
                cookies[pair[0]] = pair[1];
            }

            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        static string Token(string html) =>
            Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        if (email != "-")
        {
            var login = await SendAsync(HttpMethod.Get, "/Account/Login");
            var signedIn = await SendAsync(HttpMethod.Post, "/Account/Login", new()
            {
                ["Email"] = email,
                ["Password"] = Password,
                ["__RequestVerificationToken"] = Token(login.Html),
            });
            if (signedIn.Status != HttpStatusCode.Redirect || !cookies.ContainsKey("portal.auth"))
            {
                Console.Error.WriteLine($"Sign-in as {email} failed ({signedIn.Status}).");
                return 1;
            }
        }

        var target = await SendAsync(HttpMethod.Get, page);
        var token = Token(target.Html);
        if (target.Status != HttpStatusCode.OK || token.Length == 0)
        {
            Console.Error.WriteLine($"{page} answered {target.Status} without an antiforgery token.");
            return 1;
        }

        await File.WriteAllLinesAsync(outFile, [string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")), token]);
        return 0;
    }

    public static async Task<int> FiledAsync(string provider, string database, string draftsFile)
    {
        var ids = (await File.ReadAllLinesAsync(draftsFile)).Where(l => l.Length > 0).Select(long.Parse).ToList();
        await using var root = Services(provider, database);
        await using var scope = root.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var filed = 0;
        var outbox = 0;
        var history = 0;
        foreach (var chunk in ids.Chunk(1000))
        {
            filed += await db.Dossiers.CountAsync(d => chunk.Contains(d.Id) && d.Status == DossierStatus.Submitted && d.Code != null);
            outbox += await db.Outbox.CountAsync(m => chunk.Contains(m.DossierId!.Value));
            history += await db.DossierHistory.CountAsync(h => chunk.Contains(h.DossierId));
        }

        Console.WriteLine($"{filed} filed, {history} history lines, {outbox} outbox rows");
        return 0;
    }
}
