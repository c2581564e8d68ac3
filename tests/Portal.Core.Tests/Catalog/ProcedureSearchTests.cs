using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Statistics;
using Portal.Testing;

namespace Portal.Core.Tests.Catalog;

/// <summary>
/// The search against a real database (SQLite, or PostgreSQL under PORTAL_TEST_DB=postgres): the filing counts come
/// from the statistics buckets, and they order procedures that the words cannot tell apart.
/// </summary>
public sealed class ProcedureSearchTests : IAsyncLifetime
{
    private const string Founding = "Đăng ký thành lập hộ kinh doanh";
    private const string Change = "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh";
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await PortalApp.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:SeedDemo"] = "true",
        ["Portal:DemoDossiers"] = "40",
        ["Portal:NodeRoles"] = "web",
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The search with a cache of its own: what a node that has not counted yet would rank.</summary>
    private static ProcedureSearch Uncached(PortalDb db) =>
        new(db, Filings(db), new MemoryCache(new MemoryCacheOptions()));

    private static ProcedureFilings Filings(PortalDb db) =>
        new(new StatisticsReader(db), new DossierSets(new WorkingTimeOptions().ResolveTimeZone()), new MemoryCache(new MemoryCacheOptions()), TimeProvider.System);

    [Fact]
    public async Task Filed_dossiers_of_the_last_year_count_drafts_and_older_ones_do_not_and_twice_the_filings_rank_first()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        {
            var db = sp.GetRequiredService<PortalDb>();
            var filings = Filings(db);
            var founding = await db.Procedures.SingleAsync(p => p.Name == Founding);
            var change = await db.Procedures.SingleAsync(p => p.Name == Change);
            var before = await filings.CountNowAsync(default);
            int f = before.GetValueOrDefault(founding.Id), c = before.GetValueOrDefault(change.Id);

            // An independent count of the same thing, from the dossiers in memory: received on a local day of the window.
            var window = filings.Window();
            var zone = new WorkingTimeOptions().ResolveTimeZone();
            var received = await db.Dossiers.AsNoTracking().Where(d => d.ReceivedAt != null).Select(d => new { d.ProcedureId, d.ReceivedAt }).ToListAsync();
            var expected = received.Where(d => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(d.ReceivedAt!.Value, zone)) is var day && day >= window.From && day <= window.To)
                .GroupBy(d => d.ProcedureId).Select(g => (g.Key, g.Count())).Order().ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, before.Select(kv => (kv.Key, kv.Value)).Order());

            var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
            var agency = await db.Agencies.FirstAsync(a => a.Level == AgencyLevel.Commune && a.IsActive);
            var desk = new Actor(Guid.NewGuid(), "Trần Thị Bình", Roles.Reception);
            var extra = Math.Max(1, (2 * f) + 2 - c);
            Dossier AtDesk(Procedure p, int i, DateTime at) => Dossier.RegisterAtDesk(new ProcedureRef(p.Id, p.CurrentVersionId!.Value, p.SectorId), agency.Id,
                new Applicant(ApplicantKind.Person, "Ngô Văn Sáu", $"03109200{i:0000}", "0912000777", null, "Số 3 Cầu Đất"),
                Channel.InPerson, $"{agency.Code}-201207-{i:0000}", "123456", calendar.PromisedAt(at, TimeLimit.WorkingDays(3)), at, desk);
            for (var i = 0; i < extra; i++)
            {
                db.Dossiers.Add(AtDesk(change, i + 1, DateTime.UtcNow.AddDays(-3)));
            }

            // Neither a dossier received more than a year ago nor a draft counts.
            db.Dossiers.Add(AtDesk(founding, 9000, DateTime.UtcNow.AddDays(-400)));
            db.Dossiers.Add(Dossier.StartDraft(new ProcedureRef(founding.Id, founding.CurrentVersionId!.Value, founding.SectorId), agency.Id,
                new Applicant(ApplicantKind.Person, "Ngô Văn Sáu", "031092009999", "0912000777", null, "Số 3 Cầu Đất"), Guid.NewGuid(), DateTime.UtcNow));
            await db.SaveChangesAsync();

            var after = await filings.CountNowAsync(default);
            Assert.Equal(f, after.GetValueOrDefault(founding.Id));
            Assert.Equal(c + extra, after.GetValueOrDefault(change.Id));

            var result = await Uncached(db).SearchAsync(new ProcedureSearch.Filter("ho kinh doanh", null, null, null), 1, 20, default);
            Assert.Equal(ProcedureMatcher.Outcome.AllWords, result.Outcome);
            Assert.Equal([Change, Founding], result.Rows.Select(r => r.Name));

            // Common words only: every procedure, most filed first.
            var common = await Uncached(db).SearchAsync(new ProcedureSearch.Filter("xin giấy", null, null, null), 1, 100, default);
            Assert.Equal(ProcedureMatcher.Outcome.CommonWordsOnly, common.Outcome);
            var counts = common.Rows.Select(r => after.GetValueOrDefault(r.Id)).ToList();
            Assert.Equal(counts.OrderDescending(), counts);
            Assert.Equal(await db.Procedures.CountAsync(p => p.IsPublished && p.CurrentVersionId != null), common.Total);
        }
    }

    [Fact]
    public async Task The_filters_narrow_the_candidates_before_the_words_and_the_pages_hold_the_ranking()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            var civil = await db.Sectors.Where(s => s.Name == "Hộ tịch").Select(s => s.Id).SingleAsync();
            var search = Uncached(db);
            // "đăng ký" is in most names; in the civil-status sector only, and two to a page.
            var all = await search.SearchAsync(new ProcedureSearch.Filter("dang ky", civil, null, null), 1, 100, default);
            Assert.InRange(all.Total, 5, 12);
            var pages = new List<string>();
            for (var page = 1; page <= (all.Total + 1) / 2; page++)
            {
                var result = await search.SearchAsync(new ProcedureSearch.Filter("dang ky", civil, null, null), page, 2, default);
                Assert.Equal(page, result.Page);
                pages.AddRange(result.Rows.Select(r => r.Name));
            }

            Assert.Equal(all.Rows.Select(r => r.Name), pages);
            Assert.All(all.Rows, r => Assert.Equal("Hộ tịch", r.Sector));
            // A page past the end shows the last one.
            Assert.Equal(all.Pages, (await search.SearchAsync(new ProcedureSearch.Filter("dang ky", civil, null, null), 99, 100, default)).Page);
        }
    }
}
