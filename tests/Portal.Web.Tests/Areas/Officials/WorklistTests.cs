using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
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
}
