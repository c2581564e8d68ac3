using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Admin;

public sealed class AgenciesAdminTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private const string Admin = "admin@demo.haiphong.vn";

    private Task<int> IdOfAsync(string code) =>
        fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync());

    [Fact]
    public async Task The_tree_shows_the_province_with_its_departments_and_wards_and_a_search_narrows_it()
    {
        var admin = FormClient.For(fixture.App);
        await admin.SignInAsync(Admin, DemoSeeder.Password);
        var home = await admin.GetAsync("/quan-tri");
        Assert.NotNull(home.Document.QuerySelector("a[href='/quan-tri/co-quan']"));
        Assert.NotNull(home.Document.QuerySelector("a[href='/quan-tri/nhat-ky']"));

        var tree = await admin.GetAsync("/quan-tri/co-quan");
        Assert.Equal(HttpStatusCode.OK, tree.Status);
        Assert.Contains("Sở Tài chính thành phố Hải Phòng", tree.Text, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân phường Lê Chân", tree.Text, StringComparison.Ordinal);
        Assert.Contains("000.00.00.H31", tree.Document.QuerySelector("tbody tr")!.TextContent, StringComparison.Ordinal);

        var found = await admin.GetAsync("/quan-tri/co-quan?q=le+chan");
        Assert.Equal(2, found.Document.QuerySelectorAll("tbody tr").Length);
        Assert.DoesNotContain("Sở Tài chính", found.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_code_is_refused_on_the_same_page_with_what_was_typed_and_a_good_one_creates_the_ward()
    {
        var admin = FormClient.For(fixture.App);
        await admin.SignInAsync(Admin, DemoSeeder.Password);
        var form = await admin.GetAsync("/quan-tri/co-quan/them");
        var province = await IdOfAsync("000.00.00.H31");
        var bad = await admin.SubmitAsync(form, "form[action='/quan-tri/co-quan/them']", new Dictionary<string, string?>
        {
            ["Code"] = "20.51.H31",
            ["Name"] = "Ủy ban nhân dân phường Cát Bi",
            ["Level"] = "3",
            ["ParentId"] = province.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await Page.ReadAsync(bad);
        Assert.Contains("gồm bốn nhóm", page.Text, StringComparison.Ordinal);
        Assert.Equal("20.51.H31", page.Document.QuerySelector("#Code")!.GetAttribute("value"));
        Assert.Equal("Ủy ban nhân dân phường Cát Bi", page.Document.QuerySelector("#Name")!.GetAttribute("value"));

        var duplicate = await admin.SubmitAsync(page, "form[action='/quan-tri/co-quan/them']", new Dictionary<string, string?> { ["Code"] = "000.20.01.H31" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("đã được dùng", (await Page.ReadAsync(duplicate)).Text, StringComparison.Ordinal);

        var created = await admin.SubmitAsync(page, "form[action='/quan-tri/co-quan/them']", new Dictionary<string, string?> { ["Code"] = "000.20.51.H31" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var show = await admin.FollowAsync(created);
        Assert.Contains("Ủy ban nhân dân phường Cát Bi", show.Text, StringComparison.Ordinal);
        Assert.Contains("Đã tạo cơ quan 000.20.51.H31", show.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rename_shows_the_old_name_with_its_dates_and_a_merger_marks_the_ward_and_is_found_in_the_trail()
    {
        var admin = FormClient.For(fixture.App);
        await admin.SignInAsync(Admin, DemoSeeder.Password);
        var province = await IdOfAsync("000.00.00.H31");
        var form = await admin.GetAsync("/quan-tri/co-quan/them");
        var created = await admin.SubmitAsync(form, "form[action='/quan-tri/co-quan/them']", new Dictionary<string, string?>
        {
            ["Code"] = "000.20.61.H31",
            ["Name"] = "Ủy ban nhân dân xã Tân Tiến",
            ["Level"] = "3",
            ["ParentId"] = province.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var show = await admin.FollowAsync(created);
        var id = await IdOfAsync("000.20.61.H31");

        var renamed = await admin.SubmitAsync(show, $"form[action='/quan-tri/co-quan/{id}/doi-ten']", new Dictionary<string, string?>
        {
            ["Name"] = "Ủy ban nhân dân xã Tân Tiến mới",
            ["From"] = "2025-07-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        show = await admin.FollowAsync(renamed);
        var history = show.Document.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(history, r => r.Contains("Ủy ban nhân dân xã Tân Tiến mới", StringComparison.Ordinal) && r.Contains("01/07/2025", StringComparison.Ordinal));
        Assert.Contains(history, r => r.Contains("Ủy ban nhân dân xã Tân Tiến", StringComparison.Ordinal) && r.Contains("30/06/2025", StringComparison.Ordinal));

        var noTarget = await admin.SubmitAsync(show, $"form[action='/quan-tri/co-quan/{id}/sap-nhap']", new Dictionary<string, string?> { ["At"] = "2025-07-01" });
        Assert.Equal(HttpStatusCode.BadRequest, noTarget.StatusCode);
        var again = await Page.ReadAsync(noTarget);
        Assert.Contains("Chọn cơ quan nhận sáp nhập", again.Text, StringComparison.Ordinal);
        Assert.Equal("2025-07-01", again.Document.QuerySelector("#At")!.GetAttribute("value"));

        var into = await IdOfAsync("000.20.04.H31");
        var merged = await admin.SubmitAsync(again, $"form[action='/quan-tri/co-quan/{id}/sap-nhap']", new Dictionary<string, string?>
        {
            ["IntoId"] = into.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["At"] = "2025-07-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        show = await admin.FollowAsync(merged);
        Assert.Contains("Đã sáp nhập vào Ủy ban nhân dân phường Hải An từ ngày 01/07/2025", show.Text, StringComparison.Ordinal);
        Assert.Null(show.Document.QuerySelector($"form[action='/quan-tri/co-quan/{id}/doi-ten']"));

        var trail = await admin.GetAsync("/quan-tri/nhat-ky?loai=5&q=000.20.61.H31");
        var actions = trail.Document.QuerySelectorAll("tbody tr td code").Select(c => c.TextContent).ToList();
        Assert.Equal([AuditActions.AgencyMerge, AuditActions.AgencyRename, AuditActions.AgencyCreate], actions);

        // The merged ward is no longer a place to file: it leaves the citizens' agency filter.
        var catalog = await FormClient.For(fixture.App).GetAsync("/thu-tuc");
        Assert.DoesNotContain("Tân Tiến", catalog.Text, StringComparison.Ordinal);
    }
}
