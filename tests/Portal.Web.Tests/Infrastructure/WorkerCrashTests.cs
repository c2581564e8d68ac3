using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Core.Processing;
using Portal.Testing;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// The worker is a separate process (the published web host with NodeRoles=worker) sharing the database, the Hangfire
/// storage and the data folder with this test's web node. It is killed with SIGKILL three times while it works through
/// the notifications, documents and national syncs of 24 dossiers, and restarted; in the end every dossier's messages
/// and documents exist exactly once: one pickup file per mail and SMS row, one filed document per form, one accepted
/// sync per status change, nothing dead, nothing waiting. Each kill falls while the fake national portal holds a sync
/// post unanswered, so a job is in flight by construction, not by the machine's timing.
/// </summary>
public sealed class WorkerCrashTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "portal-tests", "crash-" + Guid.NewGuid().ToString("N"));
    private FakeNationalPortal _portal = null!;
    private TestDatabase _database = null!;
    private PortalApp _web = null!;
    private PortalProcess? _worker;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _portal = await FakeNationalPortal.StartAsync();
        _portal.Delay = TimeSpan.FromMilliseconds(300);
        _database = await TestDatabase.CreateAsync();
        _web = new PortalApp(_database, Settings().ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value));
        _ = _web.Server;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _web.DisposeAsync();
        await _portal.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>What both nodes share; the worker gets it as environment variables.</summary>
    private Dictionary<string, string> Settings() => new()
    {
        ["Database__Provider"] = _database.Provider.ToString(),
        ["Database__ConnectionString"] = _database.Options.ConnectionString!,
        ["Hangfire__Storage"] = "Auto",
        ["Portal__DataDirectory"] = _data,
        ["Portal__NodeRoles"] = "web",
        ["Portal__SeedDemo"] = "true",
        ["Portal__DemoDossiers"] = "30",
        ["Outbox__ClaimFor"] = "00:00:05",
        ["NationalSync__Endpoint"] = _portal.Url,
        ["NationalSync__ApiKey"] = FakeNationalPortal.ApiKey,
    };

    private void StartWorker()
    {
        var environment = Settings();
        environment["Portal__NodeRoles"] = "worker";
        environment["Portal__SeedDemo"] = "false";
        // The test host's environment: the web node seeded the demo, which a Production node refuses to run on.
        environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        environment["Portal__PublicBaseUrl"] = "http://localhost";
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        environment["Hangfire__Workers"] = "4";
        environment["Hangfire__PollSeconds"] = "1";
        environment["Logging__LogLevel__Default"] = "Warning";
        _worker = PortalProcess.Start(environment, _data);
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, jobs cut mid-flight.</summary>
    private void Kill()
    {
        _worker?.Dispose();
        _worker = null;
    }

    private Task<T> Db<T>(Func<PortalDb, Task<T>> query) => _web.WithScopeAsync(sp => query(sp.GetRequiredService<PortalDb>()));

    private Task<int> ProcessedAsync() => Db(db => db.Outbox.CountAsync(m => m.ProcessedAt != null && m.CreatedAt > DateTime.UtcNow.AddHours(-1)));

    private Task<int> InFlightAsync() => Db(db => db.Outbox.CountAsync(m => m.ProcessedAt == null && m.LockedUntil != null));

    private async Task<OfficialContext> AsAsync(string account) => await Db(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Email == account + "@demo.haiphong.vn");
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync();
        return new OfficialContext(user.Id, user.FullName, roles.ToHashSet(), user.AgencyId, "127.0.0.1");
    });

    private async Task<List<long>> FileDossiersAsync(int count) => await _web.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "000.20.01.H31");
        var p = await db.Procedures.Where(x => x.Name.Contains("tình trạng hôn nhân")).SingleAsync();
        var citizen = await db.Users.SingleAsync(u => u.Email == "congdan@demo.haiphong.vn");
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == p.CurrentVersionId);
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var now = DateTime.UtcNow;
            var dossier = Dossier.StartDraft(new ProcedureRef(p.Id, p.CurrentVersionId!.Value, p.SectorId), agency.Id,
                citizen.ToApplicant() with { Email = $"nguoi.nop.{i}@example.vn", Phone = string.Create(CultureInfo.InvariantCulture, $"09120000{i:00}") }, citizen.Id, now);
            FiledDossiers.AttachMandatoryFiles(dossier, version, citizen.Id, now);
            dossier.Submit(await sp.GetRequiredService<DossierCodeAllocator>().NextAsync(agency.Code, calendar.LocalDate(now)), "135790", now, citizen.ToActor(Roles.Citizen));
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync();
            ids.Add(dossier.Id);
        }

        return ids;
    });

    private async Task ActAsync<T>(OfficialContext who, Func<T, Task> act)
        where T : notnull
    {
        await using var scope = _web.Services.CreateAsyncScope();
        await act(scope.ServiceProvider.GetRequiredService<T>());
    }

    private Task<int> VersionAsync(long id) => Db(db => db.Dossiers.Where(d => d.Id == id).Select(d => d.Version).SingleAsync());

    [Fact]
    public async Task Killing_the_worker_mid_flight_three_times_loses_nothing_and_sends_nothing_twice()
    {
        var ids = await FileDossiersAsync(24);
        var desk = await AsAsync("motcua.hongbang");
        var approver = await AsAsync("pheduyet.hongbang");
        var calendar = await _web.Service<CalendarProvider>().GetAsync();
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            switch (i % 3)
            {
                case 0:
                    await ActAsync<AcceptDossier>(desk, async h => await h.HandleAsync(new AcceptDossier.Command(id, await VersionAsync(id), true), desk, CancellationToken.None));
                    if (i % 2 == 0)
                    {
                        var due = await Db(db => db.Dossiers.Where(d => d.Id == id).Select(d => d.DueAt!.Value).SingleAsync());
                        await ActAsync<IssueApology>(approver, async h => await h.HandleAsync(new IssueApology.Command(id, await VersionAsync(id), "Cần xác minh thêm.",
                            calendar.NextWorkingDay(calendar.NextWorkingDay(calendar.LocalDate(due)))), approver, CancellationToken.None));
                    }

                    break;
                case 1:
                    await ActAsync<RequestSupplement>(desk, async h => await h.HandleAsync(new RequestSupplement.Command(id, await VersionAsync(id), "Bản chụp không rõ.", ["Tờ khai"]), desk, CancellationToken.None));
                    break;
                default:
                    await ActAsync<RefuseDossier>(desk, async h => await h.HandleAsync(new RefuseDossier.Command(id, await VersionAsync(id), "Không thuộc thẩm quyền."), desk, CancellationToken.None));
                    break;
            }
        }

        var waiting = await Db(db => db.Outbox.CountAsync(m => m.ProcessedAt == null));
        Assert.True(waiting >= 70, $"the work must be substantial ({waiting} messages)");

        var kills = 0;
        var inFlightAtKills = 0;
        var random = new Random(4);
        for (var round = 0; round < 3; round++)
        {
            StartWorker();
            var before = await ProcessedAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await ProcessedAsync() < before + 5 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            await Task.Delay(random.Next(200, 900));
            // Kill while the national portal holds a sync post unanswered: the job is surely in flight (its claim
            // taken, the receiver has the post, the answer never comes), however loaded the machine is.
            var held = _portal.HoldNextAsync();
            Assert.True(await Task.WhenAny(held, Task.Delay(TimeSpan.FromSeconds(60))) == held, $"round {round + 1}: no sync post arrived to be cut");
            Kill();
            _portal.Release();
            kills++;
            inFlightAtKills += await InFlightAsync();
        }

        StartWorker();
        var finish = DateTime.UtcNow.AddSeconds(240);
        while (DateTime.UtcNow < finish && await Db(db => db.Outbox.AnyAsync(m => m.ProcessedAt == null && m.DeadAt == null)))
        {
            await Task.Delay(500);
        }

        Kill();
        Assert.Equal(3, kills);
        Assert.True(inFlightAtKills > 0, "no kill caught a job in flight");

        var rows = await Db(db => db.Outbox.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(rows, m => m.DeadAt != null);
        Assert.DoesNotContain(rows, m => m.ProcessedAt == null);

        // One pickup file per mail and SMS row, none without a row.
        var mails = Directory.GetFiles(Path.Combine(_data, "mail"), "*.eml").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        var emailRows = rows.Where(m => m.Kind == OutboxKind.Email && m.CreatedAt > DateTime.UtcNow.AddHours(-1)).Select(m => $"outbox-{m.Id}").ToHashSet();
        Assert.Equal(emailRows.Order(), mails.Order());
        var sms = Directory.GetFiles(Path.Combine(_data, "sms"), "*.txt").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.Equal(rows.Where(m => m.Kind == OutboxKind.Sms && m.CreatedAt > DateTime.UtcNow.AddHours(-1)).Select(m => $"outbox-{m.Id}").Order(), sms.Order());

        // Every dossier's messages exactly once: no status change or form produced its follow-ups twice.
        foreach (var group in rows.Where(m => ids.Contains(m.DossierId ?? 0) && m.Kind is OutboxKind.Email or OutboxKind.Sms)
                     .GroupBy(m => (m.DossierId, m.Kind, m.Type, Target: m.Kind == OutboxKind.Email ? EmailPayload.Parse(m.Payload).To : SmsPayload.Parse(m.Payload).Phone)))
        {
            Assert.True(group.Count() == 1, $"{group.Key} was produced {group.Count()} times");
        }

        // Filed + received (+ the apology letter), filed + supplement + Mẫu 02, filed + refused + Mẫu 03.
        var perDossier = rows.Where(m => ids.Contains(m.DossierId ?? 0) && m.Kind == OutboxKind.Email).GroupBy(m => m.DossierId).ToDictionary(g => g.Key!.Value, g => g.Count());
        Assert.All(ids.Select((id, i) => (id, i)), x => Assert.Equal(x.i % 6 == 0 || x.i % 3 != 0 ? 3 : 2, perDossier.GetValueOrDefault(x.id)));

        // Every document once, stored and readable.
        var documents = await Db(db => db.DossierDocuments.AsNoTracking().Where(d => ids.Contains(d.DossierId) && d.Kind == DocumentKind.Issued).ToListAsync());
        Assert.Equal(documents.Count, documents.Select(d => d.StorageKey).Distinct().Count());
        Assert.Equal(8, documents.Count(d => d.Title.Contains("Mẫu 02", StringComparison.Ordinal)));
        Assert.Equal(8, documents.Count(d => d.Title.Contains("Mẫu 03", StringComparison.Ordinal)));
        Assert.Equal(4, documents.Count(d => d.Title.Contains("Mẫu 04", StringComparison.Ordinal)));
        var store = _web.Service<IDocumentStore>();
        foreach (var document in documents)
        {
            await using var stream = await store.OpenAsync(document.StorageKey, CancellationToken.None);
            var head = new byte[5];
            await stream.ReadExactlyAsync(head);
            Assert.Equal("%PDF-"u8.ToArray(), head);
        }

        // Every status change synced once as the receiver keeps it (a post cut by a kill may come twice, under one key).
        var syncRows = rows.Where(m => m.Kind == OutboxKind.NationalSync).Select(m => $"outbox-{m.Id}").ToHashSet();
        Assert.Equal(syncRows.Order(), _portal.Accepted.Keys.Order());
        Assert.True(_portal.Posts.Count >= syncRows.Count);
        Assert.Equal(0, await Db(db => db.Dossiers.CountAsync(d => ids.Contains(d.Id) && d.SyncedAt == null)));
    }
}
