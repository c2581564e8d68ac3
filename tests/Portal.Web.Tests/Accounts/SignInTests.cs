using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Testing;

namespace Portal.Web.Tests.Accounts;

public sealed class SignInTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task The_home_page_is_Vietnamese_with_the_catalogue_count_and_a_sign_in_link()
    {
        var page = await FormClient.For(fixture.App).GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("vi", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("30 thủ tục hành chính của 12 cơ quan", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("a[href='/Account/Login']"));
    }

    [Fact]
    public async Task The_language_switch_gives_the_English_page()
    {
        var client = FormClient.For(fixture.App);
        var response = await client.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F");
        var page = await client.FollowAsync(response);
        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("30 administrative procedures of 12 agencies", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_demo_account_signs_in()
    {
        foreach (var account in DemoSeeder.Accounts)
        {
            var page = await FormClient.For(fixture.App).SignInAsync(account.Email, DemoSeeder.Password);
            var signedInAs = page.Document.QuerySelector("#signed-in-as")!;
            Assert.Equal(account.Email, signedInAs.GetAttribute("title"));
            var fullName = await fixture.App.WithScopeAsync(sp =>
                sp.GetRequiredService<PortalDb>().Users.Where(u => u.Email == account.Email).Select(u => u.FullName).SingleAsync());
            Assert.Equal(fullName, signedInAs.TextContent.Trim());
        }
    }

    [Fact]
    public async Task A_wrong_password_says_so_in_Vietnamese_and_after_five_a_new_browser_waits()
    {
        var client = FormClient.For(fixture.App);
        for (var i = 0; i < 5; i++)
        {
            var login = await client.GetAsync("/Account/Login");
            var response = await client.SubmitAsync(login, "form[action='/Account/Login']",
                new Dictionary<string, string?> { ["Email"] = "nguoidan007@demo.haiphong.vn", ["Password"] = "Sai@12345" });
            var page = await Page.ReadAsync(response);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("Thư điện tử hoặc mật khẩu không đúng.", page.Text, StringComparison.Ordinal);
        }

        var waiting = await client.SubmitAsync(await client.GetAsync("/Account/Login"), "form[action='/Account/Login']",
            new Dictionary<string, string?> { ["Email"] = "nguoidan007@demo.haiphong.vn", ["Password"] = DemoSeeder.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        Assert.Contains("Vui lòng thử lại sau", (await Page.ReadAsync(waiting)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_token_is_refused()
    {
        var client = FormClient.For(fixture.App);
        var response = await client.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "congdan@demo.haiphong.vn",
            ["Password"] = DemoSeeder.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_Hangfire_dashboard_is_for_administrators_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await FormClient.For(fixture.App).Http.GetAsync("/hangfire")).StatusCode);
        var citizen = FormClient.For(fixture.App);
        await citizen.SignInAsync("congdan@demo.haiphong.vn", DemoSeeder.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.Http.GetAsync("/hangfire")).StatusCode);
        var admin = FormClient.For(fixture.App);
        await admin.SignInAsync("admin@demo.haiphong.vn", DemoSeeder.Password);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/hangfire")).StatusCode);
    }
}
