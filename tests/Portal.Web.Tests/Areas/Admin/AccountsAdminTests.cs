using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Admin;

/// <summary>The account pages through the site: invitation by mail, sign-in refused and sessions ended, forced password change.</summary>
public sealed partial class AccountsAdminTests : IAsyncLifetime
{
    private const string PublicBase = "https://dichvucong.haiphong.gov.vn";
    private const string Admin = "admin@" + DemoSeeder.EmailDomain;
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await PortalApp.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:SeedDemo"] = "true",
        ["Portal:DemoDossiers"] = "10",
        ["Portal:NodeRoles"] = "web",
        ["Portal:PublicBaseUrl"] = PublicBase,
        // The test client talks to "localhost"; the links must still carry only the public address.
        ["AllowedHosts"] = "localhost",
        // Every request checks the cookie against the account, so the test need not wait out the one-minute default.
        ["Identity:SessionCheckInterval"] = "00:00:00",
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<FormClient> SignedInAsync(string email, string password = DemoSeeder.Password)
    {
        var client = FormClient.For(_app);
        await client.SignInAsync(email, password);
        return client;
    }

    private async Task DispatchAllAsync()
    {
        var ids = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.Where(m => m.ProcessedAt == null).Select(m => m.Id).ToListAsync());
        foreach (var id in ids)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DispatchOutboxJob>().RunAsync(id, CancellationToken.None);
        }
    }

    private Task<Guid> IdOfAsync(string email) =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task An_official_created_by_an_administrator_sets_a_password_from_the_mailed_link_on_the_configured_address_and_signs_in()
    {
        var admin = await SignedInAsync(Admin);
        var form = await admin.GetAsync("/quan-tri/tai-khoan/moi");
        var agency = form.Document.QuerySelector("#AgencyId option[value]:not([value=''])")!.GetAttribute("value")!;
        var created = await admin.SubmitAsync(form, "#account-form", new Dictionary<string, string?>
        {
            ["FullName"] = "Đỗ Thị Mới",
            ["Email"] = "do.thi.moi@example.vn",
            ["Phone"] = "0912 000 111",
            ["AgencyId"] = agency,
            ["Roles"] = "Handler",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await admin.FollowAsync(created);
        Assert.Contains("Đỗ Thị Mới", page.Text, StringComparison.Ordinal);

        await DispatchAllAsync();
        var mail = Directory.GetFiles(Path.Combine(_app.DataDirectory, "mail"), "*.eml").Select(File.ReadAllText)
            .Single(t => t.Contains("do.thi.moi@example.vn", StringComparison.Ordinal));
        var invitation = await MimeKit.MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail)));
        var body = invitation.TextBody ?? string.Empty;
        // Worded as the portal's other account mails ("Xác nhận tài khoản Cổng Dịch vụ công"): Vietnamese only, no English line.
        Assert.Equal("Tài khoản cán bộ Cổng Dịch vụ công", invitation.Subject);
        Assert.StartsWith("Kính gửi Đỗ Thị Mới,", body, StringComparison.Ordinal);
        Assert.Contains("trong 2 ngày để đặt mật khẩu", body, StringComparison.Ordinal);
        Assert.EndsWith("Cổng Dịch vụ công – thư tự động, vui lòng không trả lời.", body.TrimEnd(), StringComparison.Ordinal);
        var link = ResetLink().Match(body);
        Assert.True(link.Success, body);
        var words = body.Replace(link.Value, string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("your", words, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("account", words, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(PublicBase + "/Account/ResetPassword?userId=", link.Value, StringComparison.Ordinal);

        var official = FormClient.For(_app);
        var reset = await official.GetAsync(link.Value[PublicBase.Length..]);
        var saved = await official.SubmitAsync(reset, "form[action='/Account/ResetPassword']", new Dictionary<string, string?>
        {
            ["Password"] = "MatKhau@2027",
            ["ConfirmPassword"] = "MatKhau@2027",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var home = await official.SignInAsync("do.thi.moi@example.vn", "MatKhau@2027");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal(HttpStatusCode.OK, (await official.Http.GetAsync("/can-bo")).StatusCode);
    }

    [Fact]
    public async Task A_bad_account_form_comes_back_with_Vietnamese_messages_and_what_was_typed()
    {
        var admin = await SignedInAsync(Admin);
        var form = await admin.GetAsync("/quan-tri/tai-khoan/moi");
        var response = await admin.SubmitAsync(form, "#account-form", new Dictionary<string, string?>
        {
            ["FullName"] = "Trần Văn Gõ Sai",
            ["Email"] = "khong-phai-thu",
            ["Phone"] = "12345",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Page.ReadAsync(response);
        Assert.Contains("Thư điện tử không hợp lệ", page.Text, StringComparison.Ordinal);
        Assert.Contains("Chọn ít nhất một vai trò.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Choose at least one role", page.Text, StringComparison.Ordinal);
        Assert.Equal("Trần Văn Gõ Sai", page.Document.QuerySelector("#FullName")!.GetAttribute("value"));
        Assert.Equal("khong-phai-thu", page.Document.QuerySelector("#Email")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_deactivated_official_cannot_sign_in_and_a_copied_cookie_of_their_session_stops_working()
    {
        const string email = "chuyenvien2.hongbang@" + DemoSeeder.EmailDomain;
        var official = await SignedInAsync(email);
        // The session's cookie as an attacker who copied it would replay it, outside the browser's cookie jar.
        var cookie = await CookieOfAsync(official);
        var replay = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await replay.GetAsync("/can-bo")).StatusCode);

        var admin = await SignedInAsync(Admin);
        var id = await IdOfAsync(email);
        var page = await admin.GetAsync($"/quan-tri/tai-khoan/{id}");
        var done = await admin.SubmitAsync(page, "#form-deactivate", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var after = await replay.GetAsync("/can-bo");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.ToString(), StringComparison.Ordinal);
        var again = FormClient.For(_app);
        var loginPage = await again.GetAsync("/Account/Login");
        var refused = await again.SubmitAsync(loginPage, "form[action='/Account/Login']", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = DemoSeeder.Password });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Thư điện tử hoặc mật khẩu không đúng", (await Page.ReadAsync(refused)).Text, StringComparison.Ordinal);
        var audit = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().AuditTrail.Where(a => a.Action == "account.deactivate").Select(a => a.Detail).SingleAsync());
        Assert.Contains(email, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_official_forced_to_change_their_password_reaches_nothing_else_until_it_is_done()
    {
        const string email = "chuyenvien2.lechan@" + DemoSeeder.EmailDomain;
        var leader = await SignedInAsync("lanhdao.lechan@" + DemoSeeder.EmailDomain);
        var id = await IdOfAsync(email);
        var page = await leader.GetAsync($"/quan-tri/tai-khoan/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await leader.SubmitAsync(page, "#form-force-password", new Dictionary<string, string?>())).StatusCode);

        var official = FormClient.For(_app);
        var login = await official.GetAsync("/Account/Login");
        await official.SubmitAsync(login, "form[action='/Account/Login']", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = DemoSeeder.Password });
        foreach (var url in new[] { "/", "/can-bo", "/quan-tri" })
        {
            var held = await official.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
            Assert.Equal("/Account/ChangePassword", held.Headers.Location!.ToString());
        }

        var change = await official.GetAsync("/Account/ChangePassword");
        var saved = await official.SubmitAsync(change, "form[action='/Account/ChangePassword']", new Dictionary<string, string?>
        {
            ["CurrentPassword"] = DemoSeeder.Password,
            ["NewPassword"] = "DoiRoiNhe@2027",
            ["ConfirmPassword"] = "DoiRoiNhe@2027",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await official.Http.GetAsync("/can-bo")).StatusCode);
    }

    [Fact]
    public async Task The_leader_of_an_agency_lists_its_officials_only_and_may_not_create_an_administrator()
    {
        var leader = await SignedInAsync("lanhdao.hongbang@" + DemoSeeder.EmailDomain);
        var list = await leader.GetAsync("/quan-tri/tai-khoan");
        Assert.Contains("chuyenvien.hongbang@", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("chuyenvien.lechan@", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@", list.Text, StringComparison.Ordinal);

        var form = await leader.GetAsync("/quan-tri/tai-khoan/moi");
        Assert.Null(form.Document.QuerySelector("input[name=Roles][value=Admin]"));
        var response = await leader.SubmitAsync(form, "#account-form", new Dictionary<string, string?>
        {
            ["FullName"] = "Người Lạ",
            ["Email"] = "nguoi.la@example.vn",
            ["Roles"] = "Admin",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bạn không được cấp vai trò lãnh đạo hoặc quản trị.", (await Page.ReadAsync(response)).Text, StringComparison.Ordinal);
        Assert.False(await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.AnyAsync(u => u.Email == "nguoi.la@example.vn")));
    }

    private static async Task<string> CookieOfAsync(FormClient client)
    {
        // The FormClient keeps its cookies in its handler, which writes them on each request it sends.
        var response = await client.Http.GetAsync("/Account/ChangePassword");
        var header = response.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : string.Empty;
        Assert.Contains("portal.auth=", header, StringComparison.Ordinal);
        return header;
    }

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?userId=[0-9a-f-]+&code=[A-Za-z0-9_-]+")]
    private static partial Regex ResetLink();
}
