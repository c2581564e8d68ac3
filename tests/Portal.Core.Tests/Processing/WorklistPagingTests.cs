using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Testing;

namespace Portal.Core.Tests.Processing;

/// <summary>
/// The worklist's total, page numbers and jumps against a real database: a small demo plus 160 walk-ins at one agency,
/// half of them in process (so the open-work list merges two statuses), many sharing a due time (so the id breaks ties).
/// </summary>
public sealed class WorklistPagingTests : IAsyncLifetime
{
    private const string Name = "Trương Thị Trang";
    private PortalApp _app = null!;
    private OfficialContext _who = null!;
    private int _procedureId;

    public async ValueTask InitializeAsync()
    {
        _app = await PortalApp.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:SeedDemo"] = "true",
            ["Portal:DemoDossiers"] = "60",
            ["Portal:NodeRoles"] = "web",
        });
        await using var scope = _app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PortalDb>();
        var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "000.20.01.H31");
        var procedure = await db.Procedures.Where(p => p.Name.Contains("tình trạng hôn nhân")).SingleAsync();
        _procedureId = procedure.Id;
        var desk = new Actor(Guid.NewGuid(), "Trần Thị Bình", Roles.Reception);
        var handler = new Actor(Guid.NewGuid(), "Vũ Minh Khoa", Roles.Handler);
        var start = DateTime.UtcNow.AddDays(-20);
        for (var i = 0; i < 160; i++)
        {
            // Three dossiers to each reception time: equal due times, ordered by id.
            var at = calendar.AddWorkingMinutes(start, (i / 3) * 37);
            var dossier = Dossier.RegisterAtDesk(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency.Id,
                new Applicant(ApplicantKind.Person, i % 5 == 4 ? "Lâm Văn Bảy" : Name, $"03109000{i:0000}", $"09120{i:00000}", null, "Số 8 Lạch Tray"),
                Channel.InPerson, $"{agency.Code}-200102-{i + 1:0000}", "123456", calendar.PromisedAt(at, TimeLimit.WorkingDays(3)), at, desk);
            if (i % 2 == 0)
            {
                dossier.StartProcessing(at.AddMinutes(5), handler);
            }

            db.Dossiers.Add(dossier);
        }

        // A citizen's draft of the same name is nobody's work: no list shows or counts it.
        for (var i = 0; i < 3; i++)
        {
            db.Dossiers.Add(Dossier.StartDraft(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency.Id,
                new Applicant(ApplicantKind.Person, Name, $"03109100{i:0000}", "0912000999", null, "Số 8 Lạch Tray"), Guid.NewGuid(), start));
        }

        await db.SaveChangesAsync();
        _who = new OfficialContext(Guid.NewGuid(), "Vũ Minh Khoa", new HashSet<string> { Roles.Handler }, agency.Id, "127.0.0.1");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<WorklistPage> GetAsync(WorklistFilter filter) => _app.WithScopeAsync(sp => sp.GetRequiredService<Worklist>().GetAsync(_who, filter, CancellationToken.None));

    /// <summary>Every page of the list by its "next" keys, each with its number, as the links carry it.</summary>
    private async Task<List<WorklistPage>> WalkAsync(WorklistFilter filter)
    {
        var pages = new List<WorklistPage> { await GetAsync(filter) };
        while (pages[^1].Next is { } next)
        {
            pages.Add(await GetAsync(filter with { After = next, Page = pages[^1].PageNumber + 1 }));
        }

        return pages;
    }

    public static TheoryData<string> Lists => ["open work", "in person, every status, one procedure", "search by name", "search by digits"];

    private WorklistFilter Filter(string list) => list switch
    {
        "open work" => new WorklistFilter(),
        "in person, every status, one procedure" => new WorklistFilter(Channel: Channel.InPerson, AllStatuses: true, ProcedureId: _procedureId),
        "search by name" => new WorklistFilter(Query: "truong thi trang"),
        _ => new WorklistFilter(Query: "0310900"),
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task The_total_is_the_number_of_rows_over_all_pages_and_each_page_is_numbered_in_turn(string list)
    {
        var pages = await WalkAsync(Filter(list));
        var rows = pages.SelectMany(p => p.Rows).Select(r => r.Id).ToList();
        Assert.True(rows.Count > 2 * Worklist.PageSize, $"{list}: {rows.Count} rows");
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.All(pages, p => Assert.Equal(rows.Count, p.Total));
        Assert.All(pages, p => Assert.Equal(pages.Count, p.Pages));
        Assert.Equal(Enumerable.Range(1, pages.Count), pages.Select(p => p.PageNumber));
        Assert.All(pages, p => Assert.False(p.PageMoved));
    }

    [Fact]
    public async Task The_total_counts_what_the_filters_let_through_and_no_more()
    {
        var name = await GetAsync(new WorklistFilter(Query: "truong thi trang"));
        Assert.Equal(128, name.Total);
        var all = await WalkAsync(new WorklistFilter(Query: "truong thi trang"));
        Assert.DoesNotContain(all.SelectMany(p => p.Rows), r => r.Status == DossierStatus.Draft);
        Assert.Equal(128, all.Sum(p => p.Rows.Count));
        var open = await GetAsync(new WorklistFilter());
        var expected = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.CountAsync(d => d.AgencyId == _who.AgencyId && d.DueAt != null
            && (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProcess || d.Status == DossierStatus.AwaitingSupplement
                || d.Status == DossierStatus.AwaitingPayment || d.Status == DossierStatus.Decided)));
        Assert.Equal(expected, open.Total);
        var one = await GetAsync(new WorklistFilter(Query: "Lâm Văn Bảy"));
        Assert.Equal(32, one.Total);
        Assert.Equal((1, 1), (one.PageNumber, one.Pages));
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_jump_to_a_page_shows_the_rows_the_walk_has_there_in_the_lists_order(string list)
    {
        var filter = Filter(list);
        var walked = (await WalkAsync(filter)).SelectMany(p => p.Rows).Select(r => r.Id).ToList();
        var pages = (walked.Count + Worklist.PageSize - 1) / Worklist.PageSize;

        // Page 3 is read from the start, the last ones from the end: both must agree with the walk.
        foreach (var number in new[] { 2, 3, pages - 1, pages }.Distinct())
        {
            var page = await GetAsync(filter with { Page = number });
            Assert.Equal(number, page.PageNumber);
            Assert.Equal(walked.Skip((number - 1) * Worklist.PageSize).Take(Worklist.PageSize), page.Rows.Select(r => r.Id));
            Assert.Equal(number < pages, page.Next is not null);
            Assert.NotNull(page.Previous);

            // And the keys of a jumped page lead on to the next page and back to the one before.
            if (page.Next is { } next)
            {
                var after = await GetAsync(filter with { After = next, Page = number + 1 });
                Assert.Equal(walked.Skip(number * Worklist.PageSize).Take(Worklist.PageSize), after.Rows.Select(r => r.Id));
                Assert.Equal(number + 1, after.PageNumber);
            }

            var before = await GetAsync(filter with { Before = page.Previous, Page = number - 1 });
            Assert.Equal(walked.Skip((number - 2) * Worklist.PageSize).Take(Worklist.PageSize), before.Rows.Select(r => r.Id));
            Assert.Equal(number - 1, before.PageNumber);
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-3, 1)]
    [InlineData(99_999, int.MaxValue)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public async Task A_page_outside_the_list_gives_the_nearest_page_and_says_so(int asked, int expected)
    {
        var filter = new WorklistFilter(Query: "truong thi trang");
        var page = await GetAsync(filter with { Page = asked });
        var last = (page.Total + Worklist.PageSize - 1) / Worklist.PageSize;
        var number = expected == int.MaxValue ? last : expected;
        Assert.True(page.PageMoved);
        Assert.Equal(number, page.PageNumber);
        Assert.Equal((await GetAsync(filter with { Page = number })).Rows.Select(r => r.Id), page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task A_page_key_without_its_number_is_numbered_from_the_rows_before_it()
    {
        var filter = new WorklistFilter(Channel: Channel.InPerson, AllStatuses: true, ProcedureId: _procedureId);
        var second = await GetAsync(filter with { Page = 2 });
        var third = await GetAsync(filter with { After = second.Next });
        Assert.Equal(3, third.PageNumber);
        Assert.False(third.PageMoved);
    }
}
