using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Statistics;
using Portal.Testing;

namespace Portal.Core.Tests.Catalog;

/// <summary>One demo province per class (SQLite, or PostgreSQL under PORTAL_TEST_DB=postgres); each test uses its own agencies.</summary>
public sealed class DemoProvinceFixture : IAsyncLifetime
{
    public PortalApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync() => App = await PortalApp.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:SeedDemo"] = "true",
        ["Portal:DemoDossiers"] = "120",
        ["Portal:NodeRoles"] = "web",
    });

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The agency use cases against the demo province: creating, renaming, merging and closing agencies, and what a
/// merger must not change — the figures.
/// </summary>
public sealed class AgencyAdministrationTests(DemoProvinceFixture fixture) : IClassFixture<DemoProvinceFixture>
{
    private static readonly AuditActor Admin = new(Guid.NewGuid(), "Quản trị viên", Roles.Admin, null, "10.0.0.9");
    private PortalApp App => fixture.App;

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, PortalDb, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<PortalDb>());
    }

    private Task<int> IdOfAsync(string code) => InScopeAsync((_, db) => db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync());

    [Fact]
    public async Task A_new_ward_under_the_province_offers_the_commune_procedures_the_other_communes_offer_and_the_creation_is_audited()
    {
        var province = await IdOfAsync("000.00.00.H31");
        var id = await InScopeAsync((sp, _) => sp.GetRequiredService<CreateAgency>().HandleAsync(
            new CreateAgency.Command("000.20.31.h31 ", "Ủy ban nhân dân phường An Biên", AgencyLevel.Commune, province, "Số 5 Trần Phú"), Admin, default));

        var (code, offered, expected, audit) = await InScopeAsync(async (_, db) =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Id == id);
            var offered = await db.ProcedureAgencies.Where(pa => pa.AgencyId == id).Select(pa => pa.ProcedureId).OrderBy(p => p).ToListAsync();
            var expected = await db.Procedures.Where(p => p.Level == AgencyLevel.Commune
                    && db.ProcedureAgencies.Any(pa => pa.ProcedureId == p.Id && pa.AgencyId != id && pa.Agency!.Level == AgencyLevel.Commune))
                .Select(p => p.Id).OrderBy(p => p).ToListAsync();
            var audit = await db.AuditTrail.Where(e => e.Action == AuditActions.AgencyCreate).OrderByDescending(e => e.Id).FirstAsync();
            return (agency.Code, offered, expected, audit);
        });
        Assert.Equal("000.20.31.H31", code);
        Assert.NotEmpty(offered);
        Assert.Equal(expected, offered);
        Assert.Equal(Admin.UserId, audit.UserId);
        Assert.Contains("\"before\":null", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân phường An Biên", audit.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("000.00.05.H31", "đã được dùng")]
    [InlineData("000.20.77.H56", "Nhóm cuối của mã phải là H31")]
    public async Task A_code_already_used_or_of_another_province_is_refused_with_a_message(string code, string message)
    {
        var province = await IdOfAsync("000.00.00.H31");
        var refused = await Assert.ThrowsAsync<DomainException>(() => InScopeAsync((sp, _) => sp.GetRequiredService<CreateAgency>().HandleAsync(
            new CreateAgency.Command(code, "Ủy ban nhân dân xã Thử", AgencyLevel.Commune, province, null), Admin, default)));
        Assert.Contains(message, refused.Vietnamese, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("000.20.01")]
    [InlineData("00.20.01.H31")]
    [InlineData("000.20.01.31")]
    [InlineData("abc")]
    [InlineData("")]
    public void A_code_not_in_the_QCVN_102_shape_fails_validation(string code)
    {
        var result = new CreateAgency.Validator().Validate(new CreateAgency.Command(code, "Ủy ban nhân dân xã Thử", AgencyLevel.Commune, 1, null));
        Assert.Contains(result.Errors, e => e.PropertyName == nameof(CreateAgency.Command.Code) && e.ErrorMessage.Contains("000.00.05.H31", StringComparison.Ordinal));
    }

    [Fact]
    public void A_commune_needs_a_parent_and_a_name_of_three_characters()
    {
        var result = new CreateAgency.Validator().Validate(new CreateAgency.Command("000.20.40.H31", "X", AgencyLevel.Commune, null, null));
        Assert.Equal([nameof(CreateAgency.Command.Name), nameof(CreateAgency.Command.ParentId)], result.Errors.Select(e => e.PropertyName).Order());
    }

    [Fact]
    public async Task A_renamed_agency_keeps_its_old_name_with_the_dates_it_was_in_use()
    {
        var id = await IdOfAsync("000.00.08.H31");
        await InScopeAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<RenameAgency>().HandleAsync(new RenameAgency.Command(id, "Sở Văn hóa và Thể thao thành phố Hải Phòng", null, new DateOnly(2025, 3, 1)), Admin, default);
            return 0;
        });
        await InScopeAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<RenameAgency>().HandleAsync(new RenameAgency.Command(id, "Sở Văn hóa, Thể thao và Du lịch", null, new DateOnly(2025, 7, 1)), Admin, default);
            return 0;
        });
        var tooEarly = await Assert.ThrowsAsync<DomainException>(() => InScopeAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<RenameAgency>().HandleAsync(new RenameAgency.Command(id, "Tên khác", null, new DateOnly(2025, 6, 1)), Admin, default);
            return 0;
        }));
        Assert.Contains("phải sau ngày 01/07/2025", tooEarly.Vietnamese, StringComparison.Ordinal);

        var agency = await InScopeAsync((_, db) => db.Agencies.AsNoTracking().Include(a => a.FormerNames).SingleAsync(a => a.Id == id));
        Assert.Equal("Sở Văn hóa, Thể thao và Du lịch", agency.Name);
        Assert.Equal(new DateOnly(2025, 7, 1), agency.NamedSince);
        var history = agency.FormerNames.OrderBy(n => n.Until).Select(n => (n.Name, n.From, n.Until)).ToList();
        Assert.Equal(
            [("Sở Văn hóa, Thể thao và Du lịch thành phố Hải Phòng", null, new DateOnly(2025, 2, 28)),
             ("Sở Văn hóa và Thể thao thành phố Hải Phòng", new DateOnly(2025, 3, 1), new DateOnly(2025, 6, 30))],
            history);
        var renames = await InScopeAsync((_, db) => db.AuditTrail.CountAsync(e => e.Action == AuditActions.AgencyRename));
        Assert.Equal(2, renames);
    }

    [Fact]
    public async Task Merging_a_ward_moves_its_officials_and_offerings_takes_no_new_dossiers_and_changes_no_figure_of_an_earlier_period()
    {
        var a = await IdOfAsync("000.20.03.H31");
        var b = await IdOfAsync("000.20.02.H31");
        var zone = new Portal.Core.Calendar.WorkingTimeOptions().ResolveTimeZone();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        var before = Period.Custom(today.AddDays(-400), today.AddDays(-1));

        async Task<(long[] Province, long[] OfA, long[] OfB)> FiguresAsync() => await InScopeAsync(async (_, db) =>
        {
            var reader = new StatisticsReader(db);
            long[] Of(StatisticsSnapshot s) => [.. Enum.GetValues<Figure>().Select(f => s.Total[f])];
            return (Of(await reader.ReadAsync(before, today, StatisticsScope.Province)),
                Of(await reader.ReadAsync(before, today, new StatisticsScope(a))),
                Of(await reader.ReadAsync(before, today, new StatisticsScope(b))));
        });

        var (officialsOfA, offeringsOfA, dossiersOfA) = await InScopeAsync(async (_, db) => (
            await db.Users.Where(u => u.AgencyId == a).Select(u => u.Id).ToListAsync(),
            await db.ProcedureAgencies.Where(pa => pa.AgencyId == a).Select(pa => pa.ProcedureId).ToListAsync(),
            await db.Dossiers.CountAsync(d => d.AgencyId == a)));
        Assert.NotEmpty(officialsOfA);
        Assert.True(dossiersOfA > 0);
        var figuresBefore = await FiguresAsync();
        Assert.True(figuresBefore.OfA[(int)Figure.Received] > 0, "the demo gives the merged ward received dossiers in the period");

        var result = await InScopeAsync((sp, _) => sp.GetRequiredService<MergeAgencies>().HandleAsync(new MergeAgencies.Command(a, b, today), Admin, default));

        Assert.Equal(officialsOfA.Count, result.OfficialsMoved);
        var figuresAfter = await FiguresAsync();
        Assert.Equal(figuresBefore.Province, figuresAfter.Province);
        Assert.Equal(figuresBefore.OfA, figuresAfter.OfA);
        Assert.Equal(figuresBefore.OfB, figuresAfter.OfB);

        var (merged, movedOfficials, offeredAtA, offeredAtB, dossiersStill, serving) = await InScopeAsync(async (_, db) => (
            await db.Agencies.AsNoTracking().SingleAsync(x => x.Id == a),
            await db.Users.CountAsync(u => officialsOfA.Contains(u.Id) && u.AgencyId == b),
            await db.ProcedureAgencies.CountAsync(pa => pa.AgencyId == a),
            await db.ProcedureAgencies.Where(pa => pa.AgencyId == b).Select(pa => pa.ProcedureId).ToListAsync(),
            await db.Dossiers.CountAsync(d => d.AgencyId == a),
            (await StatisticsCatalog.LoadAsync(db, default)).ServingAgencies.Select(x => x.Id).ToList()));
        Assert.Equal((b, today, false), (merged.MergedIntoId!.Value, merged.MergedAt!.Value, merged.IsActive));
        Assert.Equal(officialsOfA.Count, movedOfficials);
        Assert.Equal(0, offeredAtA);
        Assert.Superset(offeringsOfA.ToHashSet(), offeredAtB.ToHashSet());
        Assert.Equal(dossiersOfA, dossiersStill);
        Assert.Contains(a, serving);

        // A takes no new dossier: a citizen cannot start one there.
        var procedure = offeringsOfA[0];
        var citizen = await InScopeAsync((_, db) => db.Users.Where(u => u.Email!.StartsWith("nguoidan")).Select(u => u.Id).FirstAsync());
        await Assert.ThrowsAsync<DomainException>(() => InScopeAsync((sp, _) => sp.GetRequiredService<StartDraftHandler>().HandleAsync(new StartDraftCommand(procedure, a, citizen), default)));
        var audit = await InScopeAsync((_, db) => db.AuditTrail.Where(e => e.Action == AuditActions.AgencyMerge).SingleAsync());
        Assert.Contains("\"officialsMoved\":" + officialsOfA.Count, audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merger_dated_after_today_or_into_an_agency_of_another_level_is_refused()
    {
        var a = await IdOfAsync("000.20.04.H31");
        var department = await IdOfAsync("000.00.04.H31");
        var other = await IdOfAsync("000.20.01.H31");
        var future = await Assert.ThrowsAsync<DomainException>(() => InScopeAsync((sp, _) => sp.GetRequiredService<MergeAgencies>()
            .HandleAsync(new MergeAgencies.Command(a, other, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3)), Admin, default)));
        Assert.Contains("không được sau hôm nay", future.Vietnamese, StringComparison.Ordinal);
        var level = await Assert.ThrowsAsync<DomainException>(() => InScopeAsync((sp, _) => sp.GetRequiredService<MergeAgencies>()
            .HandleAsync(new MergeAgencies.Command(a, department, new DateOnly(2025, 7, 1)), Admin, default)));
        Assert.Contains("cùng cấp", level.Vietnamese, StringComparison.Ordinal);
        Assert.True(await InScopeAsync((_, db) => db.Agencies.Where(x => x.Id == a).Select(x => x.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task An_agency_with_open_dossiers_cannot_be_deactivated_and_one_without_can()
    {
        var busy = await InScopeAsync((_, db) => db.Dossiers.Where(d => MergeAgencies.OpenStatuses.Contains(d.Status))
            .Join(db.Agencies.Where(x => x.Level != AgencyLevel.Province && x.IsActive), d => d.AgencyId, x => x.Id, (d, x) => x.Id).FirstAsync());
        var refused = await Assert.ThrowsAsync<DomainException>(() => InScopeAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<DeactivateAgency>().HandleAsync(new DeactivateAgency.Command(busy), Admin, default);
            return 0;
        }));
        Assert.Contains("hồ sơ đang giải quyết", refused.Vietnamese, StringComparison.Ordinal);

        var province = await IdOfAsync("000.00.00.H31");
        var quiet = await InScopeAsync((sp, _) => sp.GetRequiredService<CreateAgency>().HandleAsync(
            new CreateAgency.Command("000.00.41.H31", "Ban Quản lý thử nghiệm", AgencyLevel.Department, province, null), Admin, default));
        await InScopeAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<DeactivateAgency>().HandleAsync(new DeactivateAgency.Command(quiet), Admin, default);
            return 0;
        });
        var (active, inService) = await InScopeAsync(async (sp, db) => (
            await db.Agencies.Where(x => x.Id == quiet).Select(x => x.IsActive).SingleAsync(),
            await sp.GetRequiredService<AgencyDirectory>().InServiceAsync(default)));
        Assert.False(active);
        Assert.DoesNotContain(inService, o => o.Id == quiet);
    }

    [Fact]
    public async Task The_tree_puts_the_province_first_and_a_search_without_diacritics_finds_a_ward_with_the_province_above_it()
    {
        var tree = await InScopeAsync((sp, _) => sp.GetRequiredService<AgencyDirectory>().TreeAsync("phuong le chan", default));
        Assert.Equal(["000.00.00.H31", "000.20.02.H31"], tree.Select(r => r.Code));
        Assert.Equal([0, 1], tree.Select(r => r.Depth));
        Assert.Equal([false, true], tree.Select(r => r.Matches));
        var all = await InScopeAsync((sp, _) => sp.GetRequiredService<AgencyDirectory>().TreeAsync(null, default));
        Assert.Equal(AgencyLevel.Province, all[0].Level);
        Assert.True(all.Skip(1).All(r => r.Depth >= 1));
    }
}
