using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Testing;

namespace Portal.Core.Tests.Catalog;

/// <summary>The sync against a fresh database per test (SQLite, or PostgreSQL under PORTAL_TEST_DB=postgres).</summary>
public sealed class CatalogueSyncTests : IAsyncLifetime
{
    private const string BirthRegistration = "1.001193";
    private static readonly string[] Communes = ["000.20.01.H31", "000.20.02.H31"];

    /// <summary>Monday 02/03/2026 09:00 in Hải Phòng.</summary>
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-catalogue-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(Options.Create(new WorkingTimeOptions()));
        services.AddSingleton<CalendarProvider>();
        services.AddPortalDatabase(_database.Options);
        _services = services.BuildServiceProvider();
        Directory.CreateDirectory(_folder);
        await using var db = _database.NewContext();
        var province = new Agency("000.00.00.H31", "UBND thành phố", AgencyLevel.Province);
        db.Agencies.Add(province);
        await db.SaveChangesAsync();
        db.Agencies.AddRange(
            new Agency(Communes[0], "UBND phường Hồng Bàng", AgencyLevel.Commune, province.Id),
            new Agency(Communes[1], "UBND phường Lê Chân", AgencyLevel.Commune, province.Id),
            new Agency("000.00.05.H31", "Sở Nông nghiệp và Môi trường", AgencyLevel.Department, province.Id));
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private CatalogueSync Sync(PortalDb db, bool withFolder = false) => new(db, Options.Create(new CatalogueOptions { Directory = withFolder ? _folder : null }),
        Options.Create(new WorkingTimeOptions()), _time, NullLogger<CatalogueSync>.Instance);

    private static string Shipped(string code) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..",
        "src", "Portal.Core", "Resources", "Catalog", "procedures", code + ".json"));

    private void WriteToFolder(string fileName, string code, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Shipped(code))!.AsObject();
        edit(node);
        File.WriteAllText(Path.Combine(_folder, fileName), node.ToJsonString());
    }

    private sealed class CountSaves : SaveChangesInterceptor
    {
        public int Saves { get; private set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Saves++;
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task The_first_start_creates_the_thirty_procedures_with_sectors_and_offers_and_a_second_start_writes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = _database.NewContext())
        {
            var first = await Sync(db).SyncAsync(ct);
            Assert.Equal(30, first.ProceduresCreated);
            Assert.Equal(0, first.VersionsAdded);
            Assert.Equal(30, first.MadeCurrent);
        }

        await using (var db = _database.NewContext())
        {
            var procedures = await db.Procedures.Include(p => p.Versions).Include(p => p.Agencies).Include(p => p.Sector).ToListAsync(ct);
            Assert.Equal(30, procedures.Count);
            Assert.All(procedures, p => Assert.Equal(p.Versions.Single().Id, p.CurrentVersionId));
            Assert.All(procedures, p => Assert.Matches("^[0-9a-f]{64}$", p.Versions.Single().DefinitionHash));
            var birth = procedures.Single(p => p.Code == BirthRegistration);
            Assert.Equal("Hộ tịch", birth.Sector!.Name);
            var communeIds = await db.Agencies.Where(a => Communes.Contains(a.Code)).Select(a => a.Id).ToListAsync(ct);
            Assert.Equal(communeIds.Order(), birth.Agencies.Select(a => a.AgencyId).Order());
            var landOffice = await db.Agencies.SingleAsync(a => a.Code == "000.00.05.H31", ct);
            Assert.Equal([landOffice.Id], procedures.Single(p => p.Code == "1.013831").Agencies.Select(a => a.AgencyId));
            // Offered at an agency that does not exist here (the police): not offered anywhere, yet in the catalogue.
            Assert.Empty(procedures.Single(p => p.Code == "3.000347").Agencies);
        }

        var saves = new CountSaves();
        await using (var db = _database.NewContext(null, saves))
        {
            Assert.True((await Sync(db).SyncAsync(ct)).ChangedNothing);
        }

        Assert.Equal(0, saves.Saves);
    }

    [Fact]
    public async Task A_changed_file_becomes_version_two_on_its_effective_date_and_a_dossier_filed_on_version_one_keeps_its_form()
    {
        var ct = TestContext.Current.CancellationToken;
        Guid userId;
        int communeId;
        long onVersionOne;
        await using (var db = _database.NewContext())
        {
            await Sync(db).SyncAsync(ct);
            var user = new PortalUser { Id = Guid.NewGuid(), UserName = "an@example.vn", Email = "an@example.vn", FullName = "Nguyễn Văn An", CreatedAt = _time.GetUtcNow().UtcDateTime };
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            userId = user.Id;
            communeId = await db.Agencies.Where(a => a.Code == Communes[0]).Select(a => a.Id).SingleAsync(ct);
            var procedureId = await db.Procedures.Where(p => p.Code == BirthRegistration).Select(p => p.Id).SingleAsync(ct);
            onVersionOne = await new StartDraftHandler(db, _services.GetRequiredService<CalendarProvider>(), _time, Options.Create(new FilingOptions()))
                .HandleAsync(new StartDraftCommand(procedureId, communeId, userId), ct);
        }

        WriteToFolder("khai-sinh.json", BirthRegistration, n =>
        {
            n["effectiveFrom"] = "2026-04-01";
            n["form"]!["fields"]!.AsArray().Insert(1, new JsonObject
            {
                ["key"] = "birth_place",
                ["label"] = "Nơi sinh",
                ["labelEn"] = "Place of birth",
                ["type"] = "text",
                ["required"] = true,
            });
            n["form"]!["rules"] = new JsonArray(new JsonObject { ["rule"] = "not-in-future", ["field"] = "subject_dob" });
        });
        await using (var db = _database.NewContext())
        {
            var report = await Sync(db, withFolder: true).SyncAsync(ct);
            Assert.Equal(1, report.VersionsAdded);
            Assert.Equal(0, report.MadeCurrent);
        }

        await using (var db = _database.NewContext())
        {
            var procedure = await db.Procedures.Include(p => p.Versions).SingleAsync(p => p.Code == BirthRegistration, ct);
            Assert.Equal(2, procedure.Versions.Count);
            Assert.Equal(1, procedure.VersionInForce(new DateOnly(2026, 3, 31))!.Number);
            Assert.Equal(2, procedure.VersionInForce(new DateOnly(2026, 4, 1))!.Number);
            Assert.Equal(procedure.Versions.Single(v => v.Number == 1).Id, procedure.CurrentVersionId);
        }

        _time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 1, 0, 0, TimeSpan.Zero));
        await using (var db = _database.NewContext())
        {
            var report = await Sync(db, withFolder: true).SyncAsync(ct);
            Assert.Equal(0, report.VersionsAdded);
            Assert.Equal(1, report.MadeCurrent);
            var procedure = await db.Procedures.Include(p => p.Versions).SingleAsync(p => p.Code == BirthRegistration, ct);
            var two = procedure.Versions.Single(v => v.Number == 2);
            Assert.Equal(two.Id, procedure.CurrentVersionId);
            Assert.Equal("birth_place", two.Form[1].Key);
            Assert.Equal(FormRuleKind.NotInFuture, Assert.Single(two.FormRules).Kind);

            var kept = await db.Dossiers.SingleAsync(d => d.Id == onVersionOne, ct);
            var one = procedure.Versions.Single(v => v.Number == 1);
            Assert.Equal(one.Id, kept.ProcedureVersionId);
            Assert.DoesNotContain(one.Form, f => f.Key == "birth_place");

            var onVersionTwo = await new StartDraftHandler(db, _services.GetRequiredService<CalendarProvider>(), _time, Options.Create(new FilingOptions()))
                .HandleAsync(new StartDraftCommand(procedure.Id, communeId, userId), ct);
            Assert.Equal(two.Id, (await db.Dossiers.SingleAsync(d => d.Id == onVersionTwo, ct)).ProcedureVersionId);
        }

        await using (var db = _database.NewContext())
        {
            Assert.True((await Sync(db, withFolder: true).SyncAsync(ct)).ChangedNothing);
        }
    }

    [Fact]
    public async Task A_bad_file_in_the_folder_stops_the_start_with_the_file_the_procedure_and_the_field()
    {
        WriteToFolder("1.001193.json", BirthRegistration, n => n["form"]!["fields"]![3]!["type"] = "txt");
        await using var db = _database.NewContext();
        var error = await Assert.ThrowsAsync<CatalogueException>(() => Sync(db, withFolder: true).SyncAsync(TestContext.Current.CancellationToken));
        Assert.Contains($"catalogue file {Path.Combine(_folder, "1.001193.json")}, procedure 1.001193, field form.fields[3].type: unknown type \"txt\"",
            error.Message, StringComparison.Ordinal);
        Assert.False(await db.Procedures.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Two_files_with_one_code_in_the_folder_are_refused_naming_both()
    {
        WriteToFolder("a.json", BirthRegistration, _ => { });
        WriteToFolder("b.json", BirthRegistration, _ => { });
        await using var db = _database.NewContext();
        var error = await Assert.ThrowsAsync<CatalogueException>(() => Sync(db, withFolder: true).SyncAsync(TestContext.Current.CancellationToken));
        Assert.Contains($"catalogue file {Path.Combine(_folder, "b.json")}, procedure 1.001193, field code: the same code as {Path.Combine(_folder, "a.json")}",
            error.Message, StringComparison.Ordinal);
        Assert.Equal($"trùng mã thủ tục với tệp {Path.Combine(_folder, "a.json")}", Assert.Single(error.Errors).MessageVi);
    }

    [Fact]
    public async Task Two_nodes_starting_together_create_each_procedure_and_offer_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var a = _database.NewContext())
        await using (var b = _database.NewContext())
        {
            await Task.WhenAll(Sync(a).SyncAsync(ct), Sync(b).SyncAsync(ct));
        }

        await using var db = _database.NewContext();
        Assert.Equal(30, await db.Procedures.CountAsync(ct));
        Assert.Equal(30, await db.ProcedureVersions.CountAsync(ct));
        Assert.Equal(0, await db.Procedures.CountAsync(p => p.CurrentVersionId == null, ct));
        var communeProcedures = CatalogueSync.LoadDefinitions(null).Count(d => d.OfferedAt.Level == AgencyLevel.Commune);
        Assert.Equal((communeProcedures * 2) + 1, await db.ProcedureAgencies.CountAsync(ct));
    }

    [Fact]
    public async Task An_offer_the_administration_withdrew_stays_withdrawn_when_the_file_has_not_changed()
    {
        var ct = TestContext.Current.CancellationToken;
        int procedureId, agencyId;
        await using (var db = _database.NewContext())
        {
            await Sync(db).SyncAsync(ct);
            var birth = await db.Procedures.Include(p => p.Agencies).SingleAsync(p => p.Code == BirthRegistration, ct);
            agencyId = birth.Agencies.First().AgencyId;
            procedureId = birth.Id;
            Assert.True(birth.WithdrawFrom(agencyId));
            await db.SaveChangesAsync(ct);
        }

        await using (var db = _database.NewContext())
        {
            Assert.True((await Sync(db).SyncAsync(ct)).ChangedNothing);
            Assert.False(await db.ProcedureAgencies.AnyAsync(pa => pa.ProcedureId == procedureId && pa.AgencyId == agencyId, ct));
        }
    }

    [Fact]
    public async Task A_commune_created_later_is_offered_every_commune_procedure_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = _database.NewContext();
        await Sync(db).SyncAsync(ct);
        var ward = new Agency("000.20.09.H31", "UBND phường mới", AgencyLevel.Commune);
        db.Agencies.Add(ward);
        await db.SaveChangesAsync(ct);

        var communeProcedures = CatalogueSync.LoadDefinitions(null).Count(d => d.OfferedAt.Level == AgencyLevel.Commune);
        Assert.Equal(communeProcedures, await Sync(db).OfferAtAsync(ward.Id, ct));
        Assert.Equal(0, await Sync(db).OfferAtAsync(ward.Id, ct));
        Assert.Equal(communeProcedures, await db.ProcedureAgencies.CountAsync(pa => pa.AgencyId == ward.Id, ct));
    }

    [Fact]
    public async Task A_version_made_before_the_sync_that_says_what_its_file_says_is_stamped_not_repeated()
    {
        var ct = TestContext.Current.CancellationToken;
        var definition = CatalogueSync.LoadDefinitions(null).Single(d => d.Code == BirthRegistration);
        await using (var db = _database.NewContext())
        {
            var sector = new Sector(definition.SectorCode, definition.SectorName);
            db.Sectors.Add(sector);
            await db.SaveChangesAsync(ct);
            var procedure = new Procedure(definition.Code, definition.Facts.Name, sector.Id, definition.Level);
            var version = procedure.AddVersion(definition.Facts);
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync(ct);
            procedure.MakeCurrent(version);
            await db.SaveChangesAsync(ct);
        }

        await using (var db = _database.NewContext())
        {
            var report = await Sync(db).SyncAsync(ct);
            Assert.Equal(29, report.ProceduresCreated);
            Assert.Equal(0, report.VersionsAdded);
            var version = await db.ProcedureVersions.SingleAsync(v => v.Procedure!.Code == BirthRegistration, ct);
            Assert.Equal(CatalogueFile.Hash(definition), version.DefinitionHash);
        }
    }
}
