using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Core.Dossiers;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>The portal on a clock the test moves (sessions' idle and absolute limits).</summary>
public sealed class ClockedPortalApp(TestDatabase database, FakeTimeProvider clock) : PortalApp(database)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
    }
}

/// <summary>
/// ASVS V3 (sessions) and V2.8 (one-time codes): a session ends on the server, and every copy of its cookie with it,
/// when its owner signs out, changes or resets the password, or changes the second factor; after 30 idle minutes and
/// 12 hours in all; an authenticator code signs in once; the second factor is turned off only with both factors.
/// </summary>
public sealed class SessionEndTests : IAsyncLifetime
{
    private const string Password = "Matkhau@2026";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ClockedPortalApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new ClockedPortalApp(await TestDatabase.CreateAsync(migrate: false), _clock);
        _ = _app.Server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> NewCitizenAsync()
    {
        var email = $"phien.{Guid.NewGuid():N}@example.vn";
        await _app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Lê Thị Phiên", LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Citizen);
            return user.Id;
        });
        return email;
    }

    private async Task<(FormClient Client, string Cookie)> SignInAsync(string email, string password = Password)
    {
        var client = FormClient.For(_app);
        var login = await client.GetAsync("/Account/Login");
        using var response = await client.SubmitAsync(login, "form[action='/Account/Login']", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var header = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        return (client, header["portal.auth=".Length..header.IndexOf(';', StringComparison.Ordinal)]);
    }

    /// <summary>The citizen's own dossiers with nothing but a copied cookie: 200 while the session lives, else a redirect to sign in.</summary>
    private async Task<HttpStatusCode> OpenWithCopyAsync(string cookie)
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ho-so-cua-toi");
        request.Headers.Add("Cookie", "portal.auth=" + cookie);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        return response.StatusCode;
    }

    [Fact]
    public async Task Signing_out_ends_every_copy_of_the_cookie()
    {
        var (client, cookie) = await SignInAsync(await NewCitizenAsync());
        Assert.Equal(HttpStatusCode.OK, await OpenWithCopyAsync(cookie));

        var home = await client.GetAsync("/");
        using var signedOut = await client.SubmitAsync(home, "form[action='/Account/Logout']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCopyAsync(cookie));
    }

    [Fact]
    public async Task A_password_reset_ends_the_sessions_already_open()
    {
        var email = await NewCitizenAsync();
        var (_, cookie) = await SignInAsync(email);
        var link = await _app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync(email);
            return Portal.Web.Controllers.AccountController.ResetPasswordPath(user!.Id, await users.GeneratePasswordResetTokenAsync(user));
        });
        var browser = FormClient.For(_app);
        var form = await browser.GetAsync(link);
        using var reset = await browser.SubmitAsync(form, "form[action^='/Account/ResetPassword']", new Dictionary<string, string?> { ["Password"] = "Matkhau@2027", ["ConfirmPassword"] = "Matkhau@2027" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCopyAsync(cookie));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var email = await NewCitizenAsync();
        var (other, otherCookie) = await SignInAsync(email);
        var (here, _) = await SignInAsync(email);
        var form = await here.GetAsync("/Account/ChangePassword");
        using var changed = await here.SubmitAsync(form, "form[action='/Account/ChangePassword']", new Dictionary<string, string?>
        {
            ["CurrentPassword"] = Password,
            ["NewPassword"] = "Matkhau@2028",
            ["ConfirmPassword"] = "Matkhau@2028",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await here.Http.GetAsync("/ho-so-cua-toi")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.Http.GetAsync("/ho-so-cua-toi")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCopyAsync(otherCookie));
    }

    [Fact]
    public async Task Turning_on_two_step_verification_ends_the_other_sessions()
    {
        var email = await NewCitizenAsync();
        var (_, otherCookie) = await SignInAsync(email);
        var (here, _) = await SignInAsync(email);
        await TurnOnAsync(here);

        Assert.Equal(HttpStatusCode.OK, (await here.Http.GetAsync("/ho-so-cua-toi")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCopyAsync(otherCookie));
    }

    [Fact]
    public async Task A_session_ends_after_thirty_idle_minutes_and_after_twelve_hours_however_busy()
    {
        var email = await NewCitizenAsync();
        var (idle, _) = await SignInAsync(email);
        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await idle.Http.GetAsync("/ho-so-cua-toi")).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Redirect, (await idle.Http.GetAsync("/ho-so-cua-toi")).StatusCode);

        var (busy, _) = await SignInAsync(email);
        for (var minutes = 0; minutes < (11 * 60) + 50; minutes += 20)
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await busy.Http.GetAsync("/ho-so-cua-toi")).StatusCode);
        }

        _clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.Redirect, (await busy.Http.GetAsync("/ho-so-cua-toi")).StatusCode);
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once()
    {
        var email = await NewCitizenAsync();
        var (here, _) = await SignInAsync(email);
        var key = await TurnOnAsync(here);
        // The code of the next 30 s step (accepted as drift), which enrolment has not spent.
        var code = Totp.Code(key, stepsAhead: 1);

        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(email, code)).StatusCode);
        var replay = await SecondStepAsync(email, code);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("Mã xác thực không đúng hoặc đã hết hạn", (await Page.ReadAsync(replay)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_step_verification_is_turned_off_only_with_the_password_and_a_code()
    {
        var email = await NewCitizenAsync();
        var (here, _) = await SignInAsync(email);
        var key = await TurnOnAsync(here);

        var page = await here.GetAsync("/Account/Authenticator");
        using var bare = await here.SubmitAsync(page, "form[action='/Account/DisableAuthenticator']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("Mật khẩu hoặc mã xác thực không đúng", (await Page.ReadAsync(bare)).Text, StringComparison.Ordinal);
        using var noCode = await here.SubmitAsync(page, "form[action='/Account/DisableAuthenticator']", new Dictionary<string, string?> { ["password"] = Password, ["code"] = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.True(await TwoFactorOnAsync(email));

        _clock.SetUtcNow(DateTimeOffset.UtcNow);
        using var both = await here.SubmitAsync(page, "form[action='/Account/DisableAuthenticator']", new Dictionary<string, string?> { ["password"] = Password, ["code"] = Totp.Code(key, stepsAhead: 1) });
        Assert.Equal(HttpStatusCode.Redirect, both.StatusCode);
        Assert.False(await TwoFactorOnAsync(email));
    }

    private Task<bool> TwoFactorOnAsync(string email) =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync());

    /// <summary>Turns two-step verification on from the authenticator page (spending the current code); returns the key.</summary>
    private async Task<string> TurnOnAsync(FormClient client)
    {
        // Codes are computed on the real clock; the portal's is set to it (it moves only when a test moves it).
        _clock.SetUtcNow(DateTimeOffset.UtcNow);
        var setup = await client.GetAsync("/Account/Authenticator");
        var key = setup.Document.QuerySelector(".authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal);
        var on = await Page.ReadAsync(await client.SubmitAsync(setup, "form[action='/Account/Authenticator']", new Dictionary<string, string?> { ["code"] = Totp.Code(key) }));
        Assert.True(on.Text.Contains("Đã bật xác thực hai bước", StringComparison.Ordinal), on.Text);
        return key;
    }

    /// <summary>A fresh browser's password step, then <paramref name="code"/> at the second step.</summary>
    private async Task<HttpResponseMessage> SecondStepAsync(string email, string code)
    {
        _clock.SetUtcNow(DateTimeOffset.UtcNow);
        var browser = FormClient.For(_app);
        var login = await browser.GetAsync("/Account/Login");
        var step = await browser.SubmitAsync(login, "form[action='/Account/Login']", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = Password });
        Assert.StartsWith("/Account/TwoFactor", step.Headers.Location!.ToString(), StringComparison.Ordinal);
        var ask = await browser.FollowAsync(step);
        return await browser.SubmitAsync(ask, "form[action='/Account/TwoFactor']", new Dictionary<string, string?> { ["Code"] = code });
    }
}
