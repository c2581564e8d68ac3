using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Calendar;
using Portal.Core.Data.Seeding;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Admin;

public sealed class CalendarAdminTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task An_administrator_adds_a_day_off_and_deadlines_move_at_once()
    {
        var admin = FormClient.For(fixture.App);
        await admin.SignInAsync("admin@demo.haiphong.vn", DemoSeeder.Password);
        var calendars = fixture.App.Service<CalendarProvider>();
        var monday = new DateTime(2027, 3, 8, 2, 0, 0, DateTimeKind.Utc);  // Monday 08/03/2027 09:00 local
        var before = (await calendars.GetAsync()).PromisedAt(monday, TimeLimit.WorkingDays(1));

        var page = await admin.GetAsync("/quan-tri/lich?nam=2027");
        Assert.Contains("Giỗ Tổ Hùng Vương", page.Text, StringComparison.Ordinal);
        var response = await admin.SubmitAsync(page, "form[action='/quan-tri/lich']", new Dictionary<string, string?>
        {
            ["Date"] = "2027-03-09",
            ["Kind"] = "1",
            ["Note"] = "Nghỉ thêm theo quyết định thử nghiệm",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = (await calendars.GetAsync()).PromisedAt(monday, TimeLimit.WorkingDays(1));
        Assert.Equal(before.AddDays(1), after);

        var list = await admin.FollowAsync(response);
        Assert.Contains("Nghỉ thêm theo quyết định thử nghiệm", list.Text, StringComparison.Ordinal);
        var id = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<Portal.Core.Data.PortalDb>().CalendarAdjustments
            .Where(a => a.Date == new DateOnly(2027, 3, 9)).Select(a => a.Id).SingleAsync());
        var delete = await admin.SubmitAsync(list, $"form[action='/quan-tri/lich/xoa/{id}']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal(before, (await calendars.GetAsync()).PromisedAt(monday, TimeLimit.WorkingDays(1)));
    }

    [Fact]
    public async Task A_bad_adjustment_is_refused_with_a_Vietnamese_message_and_nothing_is_saved()
    {
        var admin = FormClient.For(fixture.App);
        await admin.SignInAsync("admin@demo.haiphong.vn", DemoSeeder.Password);
        var page = await admin.GetAsync("/quan-tri/lich?nam=2027");
        var response = await admin.SubmitAsync(page, "form[action='/quan-tri/lich']", new Dictionary<string, string?>
        {
            ["Date"] = "1999-13-45",
            ["Kind"] = "9",
            ["Note"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Ghi rõ căn cứ", html, StringComparison.Ordinal);
        Assert.Contains("Ngày không hợp lệ", html, StringComparison.Ordinal);
        Assert.Contains("Giá trị \"9\" không hợp lệ", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        var count = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<Portal.Core.Data.PortalDb>().CalendarAdjustments.CountAsync());
        Assert.Equal(ReferenceDataSeeder.OfficialDecisions.Count, count);
    }

    [Fact]
    public async Task Only_administrators_reach_the_admin_pages()
    {
        var anonymous = await FormClient.For(fixture.App).Http.GetAsync("/quan-tri/lich");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        var leader = FormClient.For(fixture.App);
        await leader.SignInAsync("lanhdao@demo.haiphong.vn", DemoSeeder.Password);
        var denied = await leader.Http.GetAsync("/quan-tri/thu-gui");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
