using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Core.Text;
using static Portal.Web.Tests.Areas.Officials.OfficialsFixture;

namespace Portal.Web.Tests.Areas.Officials;

public sealed class WorklistTests(OfficialsFixture f) : IClassFixture<OfficialsFixture>
{
    private static List<long> Ids(Portal.Testing.Page page) =>
        [.. page.Document.QuerySelectorAll("table.worklist tbody td:first-child a").Select(a => long.Parse(a.GetAttribute("href")!.Split('/')[^1], CultureInfo.InvariantCulture))];

    [Fact]
    public async Task The_agency_queue_is_sorted_by_due_time_counts_each_status_and_flags_overdue_dossiers()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var page = await desk.GetAsync("/can-bo/ho-so?tatCa=true");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var ids = Ids(page);
        Assert.NotEmpty(ids);
        var dues = await f.QueryAsync(db => db.Dossiers.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.DueAt));
        var ordered = ids.Select(i => dues[i]).ToList();
        Assert.Equal(ordered.OrderBy(x => x).ToList(), ordered);

        var agency = await f.QueryAsync(db => db.Agencies.SingleAsync(a => a.Code == AgencyCode("hongbang")));
        var inProcess = await f.QueryAsync(db => db.Dossiers.CountAsync(d => d.AgencyId == agency.Id && d.Status == DossierStatus.InProcess));
        Assert.Contains($"Đang xử lý: {inProcess}", page.Text.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);

        var now = DateTime.UtcNow;
        var overdue = await f.QueryAsync(db => db.Dossiers.Where(d => d.AgencyId == agency.Id && d.DueAt < now
            && (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProcess || d.Status == DossierStatus.AwaitingPayment)).Select(d => d.Id).ToListAsync());
        var overduePage = await desk.GetAsync("/can-bo/ho-so?quaHan=true");
        Assert.Equal(overdue.Order().Take(50), Ids(overduePage).Order());
        Assert.All(overduePage.Document.QuerySelectorAll("table.worklist tbody tr"), tr => Assert.Contains("table-danger", tr.ClassName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keyset_paging_walks_the_whole_agency_list_forward_and_back_without_gaps_or_repeats()
    {
        var desk = await f.SignInAsync("chuyenvien.hongbang");
        var agency = await f.QueryAsync(db => db.Agencies.SingleAsync(a => a.Code == AgencyCode("hongbang")));
        var expected = await f.QueryAsync(db => db.Dossiers.CountAsync(d => d.AgencyId == agency.Id && d.DueAt != null));
        Assert.True(expected > Worklist.PageSize, $"the demo must fill more than a page ({expected})");
        var seen = new List<long>();
        var pages = new List<string>();
        var url = "/can-bo/ho-so?tatCa=true";
        while (true)
        {
            var page = await desk.GetAsync(url);
            pages.Add(url);
            seen.AddRange(Ids(page));
            var next = page.Document.QuerySelector("a[rel=next]")?.GetAttribute("href");
            if (next is null)
            {
                break;
            }

            url = next;
        }

        Assert.Equal(expected, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());

        var last = await desk.GetAsync(pages[^1]);
        var back = await desk.GetAsync(last.Document.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(seen.Skip((pages.Count - 2) * Worklist.PageSize).Take(Worklist.PageSize), Ids(back));
    }

    [Fact]
    public async Task Search_finds_a_dossier_by_code_by_its_short_code_by_name_without_diacritics_and_by_CCCD()
    {
        var id = await f.NewOnlineDossierAsync();
        await ActAsync(await f.SignInAsync("motcua.hongbang"), id, "form-accept");
        var d = await f.DossierAsync(id);
        var handler = await f.SignInAsync("chuyenvien.hongbang");

        var byCode = await handler.Http.GetAsync($"/can-bo/ho-so?q={Uri.EscapeDataString(d.Code!)}");
        AssertRedirectTo(byCode, $"/can-bo/ho-so/{id}");
        var shortCode = d.Code![(AgencyCode("hongbang").Length + 1)..];
        AssertRedirectTo(await handler.Http.GetAsync($"/can-bo/ho-so?q={shortCode}"), $"/can-bo/ho-so/{id}");

        var byName = await handler.GetAsync("/can-bo/ho-so?q=" + Uri.EscapeDataString("nguyen van AN"));
        Assert.Contains(id, Ids(byName));
        Assert.All(Ids(byName), x => Assert.StartsWith("nguyen van an", f.QueryAsync(db => db.Dossiers.Where(y => y.Id == x).Select(y => y.ApplicantNameKey).SingleAsync()).Result, StringComparison.Ordinal));
        var decomposed = await handler.GetAsync("/can-bo/ho-so?q=" + Uri.EscapeDataString("Nguyễn Văn An".Normalize(System.Text.NormalizationForm.FormD)));
        Assert.Contains(id, Ids(decomposed));

        // One match opens the dossier; several are listed.
        var byIdResponse = await handler.Http.GetAsync("/can-bo/ho-so?q=031090001234");
        if (byIdResponse.StatusCode == HttpStatusCode.Redirect)
        {
            AssertRedirectTo(byIdResponse, $"/can-bo/ho-so/{id}");
        }
        else
        {
            var byId = await Portal.Testing.Page.ReadAsync(byIdResponse);
            Assert.Contains(id, Ids(byId));
            Assert.All(Ids(byId), x => Assert.Equal("031090001234", f.QueryAsync(db => db.Dossiers.Where(y => y.Id == x).Select(y => y.Applicant.IdNumber).SingleAsync()).Result));
        }

        var searches = await f.QueryAsync(db => db.AuditTrail.Where(a => a.Action == "worklist.search" && a.Detail!.Contains("031090001234")).CountAsync());
        Assert.True(searches >= 1);

        // Another agency finds nothing of it.
        var other = await f.SignInAsync("chuyenvien.lechan");
        var nothing = await other.GetAsync($"/can-bo/ho-so?q={Uri.EscapeDataString(d.Code!)}");
        Assert.Equal(HttpStatusCode.OK, nothing.Status);
        Assert.Empty(Ids(nothing));
        Assert.DoesNotContain(d.Applicant.FullName, nothing.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_a_name_from_any_word_a_phone_and_the_last_digits_of_a_CCCD()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var anh = await WalkInAsync(desk, "Phạm Hữu Anh", "031089004455", "0977123401");
        var binh = await WalkInAsync(desk, "Lương Thị Bình", "031092006677", "0977123402");
        var handler = await f.SignInAsync("chuyenvien.hongbang");

        async Task<List<long>> FoundAsync(string q)
        {
            var response = await handler.Http.GetAsync("/can-bo/ho-so?q=" + Uri.EscapeDataString(q));
            return response.StatusCode == HttpStatusCode.Redirect
                ? [long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture)]
                : Ids(await Portal.Testing.Page.ReadAsync(response));
        }

        Assert.Contains(anh, await FoundAsync("huu anh"));
        Assert.Contains(anh, await FoundAsync("Hữu Anh"));
        Assert.Contains(binh, await FoundAsync("binh"));
        Assert.DoesNotContain(anh, await FoundAsync("binh"));
        Assert.DoesNotContain(binh, await FoundAsync("inh"));
        Assert.Equal([anh], await FoundAsync("0977 123 401"));
        Assert.Equal([binh], await FoundAsync("+84977123402"));
        Assert.Contains(anh, await FoundAsync("4455"));
        Assert.DoesNotContain(binh, await FoundAsync("4455"));

        // Another agency finds none of them by name, phone or digits.
        var other = await f.SignInAsync("chuyenvien.lechan");
        foreach (var q in new[] { "huu anh", "0977123401", "4455" })
        {
            var page = await other.GetAsync("/can-bo/ho-so?q=" + Uri.EscapeDataString(q));
            Assert.DoesNotContain(anh, Ids(page));
        }
    }

    [Fact]
    public async Task My_tasks_list_the_steps_I_hold_and_filters_narrow_the_queue()
    {
        var id = await f.NewOnlineDossierAsync();
        await ActAsync(await f.SignInAsync("motcua.hongbang"), id, "form-accept");
        var holder = await f.HolderAsync(id);
        var mine = await holder.GetAsync("/can-bo");
        Assert.Contains(id, Ids(mine));
        var procedureId = (await f.DossierAsync(id)).ProcedureId;
        var filtered = await holder.GetAsync($"/can-bo/ho-so?thuTuc={procedureId}&kenh=2&trangThai=4");
        Assert.Contains(id, Ids(filtered));
        var rows = await f.QueryAsync(db => db.Dossiers.Where(d => Ids(filtered).Contains(d.Id)).ToListAsync());
        Assert.All(rows, r => Assert.True(r.ProcedureId == procedureId && r.Channel == Channel.Online && r.Status == DossierStatus.InProcess));

        var nonsense = await holder.GetAsync("/can-bo/ho-so?trangThai=99&kenh=abc&sau=zz_1");
        Assert.Equal(HttpStatusCode.OK, nonsense.Status);
    }

    [Fact]
    public async Task The_search_key_folds_Vietnamese_so_both_sides_meet()
    {
        Assert.Equal("dang van duc", VietnameseText.SearchKey("ĐẶNG Văn Đức"));
        var desk = await f.SignInAsync("motcua.hongbang");
        var page = await desk.GetAsync("/can-bo/ho-so?q=" + Uri.EscapeDataString("đặng"));
        var keys = await f.QueryAsync(db => db.Dossiers.Where(d => Ids(page).Contains(d.Id)).Select(d => d.ApplicantNameKey).ToListAsync());
        Assert.All(keys, k => Assert.StartsWith("dang", k, StringComparison.Ordinal));
    }

    /// <summary>130 walk-ins of one applicant name at Ngô Quyền (whose demo share is small): a search with three pages.</summary>
    private async Task<string> ManyAtNgoQuyenAsync()
    {
        const string name = "Trương Thị Trang";
        await f.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            if (await db.Dossiers.AnyAsync(d => d.Applicant.FullName == name))
            {
                return 0;
            }

            var calendar = await sp.GetRequiredService<Portal.Core.Calendar.CalendarProvider>().GetAsync();
            var agency = await db.Agencies.SingleAsync(a => a.Code == AgencyCode("ngoquyen"));
            var procedure = await db.Procedures.Where(p => p.Name.Contains("tình trạng hôn nhân")).SingleAsync();
            var desk = new Actor(Guid.NewGuid(), "Trần Thị Bình", Roles.Reception);
            var start = DateTime.UtcNow.AddDays(-10);
            for (var i = 0; i < 130; i++)
            {
                var at = calendar.AddWorkingMinutes(start, (i / 2) * 41);
                db.Dossiers.Add(Dossier.RegisterAtDesk(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency.Id,
                    new Applicant(ApplicantKind.Person, name, $"03109100{i:0000}", $"09130{i:00000}", null, "Số 8 Lạch Tray"),
                    Channel.InPerson, $"{agency.Code}-200103-{i + 1:0000}", "123456", calendar.PromisedAt(at, Portal.Core.Calendar.TimeLimit.WorkingDays(3)), at, desk));
            }

            return await db.SaveChangesAsync();
        });
        return "truong thi trang";
    }

    private static string Normalized(Portal.Testing.Page page) => page.Text.ReplaceLineEndings(" ").Replace('\u00a0', ' ');

    [Fact]
    public async Task The_list_shows_its_total_and_pages_and_a_jump_to_page_three_shows_rows_101_to_150_with_the_filters_kept()
    {
        var search = await ManyAtNgoQuyenAsync();
        var handler = await f.SignInAsync("chuyenvien.ngoquyen");
        foreach (var start in new[] { "/can-bo/ho-so?q=" + Uri.EscapeDataString(search), "/can-bo/ho-so?kenh=1&tatCa=true" })
        {
            // The whole list by its "next" links, each page numbered in turn and every link keeping the filters.
            var walked = new List<long>();
            var url = start;
            var first = await handler.GetAsync(url);
            var total = int.Parse(System.Text.RegularExpressions.Regex.Match(Normalized(first), @"Tổng số: ([\d.]+) hồ sơ").Groups[1].Value.Replace(".", "", StringComparison.Ordinal),
                CultureInfo.InvariantCulture);
            var pages = (total + Worklist.PageSize - 1) / Worklist.PageSize;
            Assert.True(pages >= 3, $"{start}: {total} dossiers");
            for (var number = 1; ; number++)
            {
                var page = number == 1 ? first : await handler.GetAsync(url);
                Assert.Contains($"Trang {number} / {pages}", Normalized(page), StringComparison.Ordinal);
                walked.AddRange(Ids(page));
                var links = page.Document.QuerySelectorAll("nav.worklist-pager a").Select(a => a.GetAttribute("href")!).ToList();
                Assert.All(links, l => Assert.Contains(start.Split('?')[1], l, StringComparison.Ordinal));
                if (page.Document.QuerySelector("a[rel=next]")?.GetAttribute("href") is not { } next)
                {
                    break;
                }

                url = next;
            }

            Assert.Equal(total, walked.Count);
            Assert.Equal(walked.Count, walked.Distinct().Count());

            // The page form carries the filters as hidden fields: submitted with 3, it shows rows 101–150 of the walk.
            var form = first.Document.QuerySelector("form.page-jump")!;
            var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => $"{i.GetAttribute("name")}={Uri.EscapeDataString(i.GetAttribute("value")!)}").ToList();
            var third = await handler.GetAsync(form.GetAttribute("action") + "?" + string.Join('&', fields.Append("trang=3")));
            Assert.Contains($"Trang 3 / {pages}", Normalized(third), StringComparison.Ordinal);
            Assert.Equal(walked.Skip(2 * Worklist.PageSize).Take(Worklist.PageSize), Ids(third));
            Assert.Equal(start, third.Document.QuerySelector("nav.worklist-pager a")!.GetAttribute("href"));

            // The last-page link, and the way back from it.
            var last = await handler.GetAsync(first.Document.QuerySelectorAll("nav.worklist-pager a").Single(a => a.TextContent.Contains("Trang cuối", StringComparison.Ordinal)).GetAttribute("href")!);
            Assert.Equal(walked.Skip((pages - 1) * Worklist.PageSize), Ids(last));
            var back = await handler.GetAsync(last.Document.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
            Assert.Equal(walked.Skip((pages - 2) * Worklist.PageSize).Take(Worklist.PageSize), Ids(back));
            Assert.Contains($"Trang {pages - 1} / {pages}", Normalized(back), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0", "Không có trang 0: số trang bắt đầu từ 1. Đang hiện trang đầu.", 1)]
    [InlineData("-3", "Không có trang -3: số trang bắt đầu từ 1. Đang hiện trang đầu.", 1)]
    [InlineData("99999", "Không có trang 99999: danh sách có 3 trang. Đang hiện trang cuối.", 3)]
    [InlineData("123456789012345678901234567890", "danh sách có 3 trang. Đang hiện trang cuối.", 3)]
    [InlineData("abc", "Số trang “abc” không hợp lệ: hãy nhập một số từ 1 đến 3. Đang hiện trang 1.", 1)]
    public async Task A_bad_page_number_shows_the_nearest_page_with_a_message_and_the_search_kept(string asked, string message, int shown)
    {
        var search = await ManyAtNgoQuyenAsync();
        var handler = await f.SignInAsync("chuyenvien.ngoquyen");
        var page = await handler.GetAsync($"/can-bo/ho-so?q={Uri.EscapeDataString(search)}&trang={Uri.EscapeDataString(asked)}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Document.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Trang {shown} / 3", Normalized(page), StringComparison.Ordinal);
        Assert.Equal(search, page.Document.QuerySelector("#q")!.GetAttribute("value"));
        Assert.Equal(shown == 1 ? Worklist.PageSize : 130 - (2 * Worklist.PageSize), Ids(page).Count);
    }
}
