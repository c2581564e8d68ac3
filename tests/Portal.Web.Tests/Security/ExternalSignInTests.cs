using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Identity;
using Portal.Testing;
using Portal.Web.Areas.Citizen;

namespace Portal.Web.Tests.Accounts;

/// <summary>
/// Sign-in through the external OpenID Connect provider (the portal's real OIDC handler against
/// <see cref="FakeOpenIdProvider"/>) with Identity:RequireTwoFactorForStaff on: the provider stands in for the
/// password, never for the second factor, and a refused account is not signed in by the linking path either.
/// </summary>
public sealed class ExternalSignInTests : IAsyncLifetime
{
    private const string Reception = "motcua.hongbang@" + DemoSeeder.EmailDomain;
    private const string Handler = "chuyenvien2.hongbang@" + DemoSeeder.EmailDomain;
    private const string OtherHandler = "chuyenvien.hongbang@" + DemoSeeder.EmailDomain;

    private readonly FakeOpenIdProvider _provider = new();
    private ProviderApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = FakeOpenIdProvider.Settings();
        settings["Portal:SeedDemo"] = "true";
        settings["Portal:DemoDossiers"] = "10";
        settings["Portal:NodeRoles"] = "web";
        settings["Identity:RequireTwoFactorForStaff"] = "true";
        _app = new ProviderApp(await TestDatabase.CreateAsync(migrate: false), settings, _provider);
        _ = _app.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _provider.Dispose();
    }

    [Fact]
    public async Task A_staff_account_with_two_step_verification_is_asked_for_its_code_after_the_provider_and_only_then_signed_in()
    {
        var key = await TurnOnTwoFactorAsync(Reception);
        var person = new FakeOpenIdProvider.Person("vneid-031090000101", Reception, "Cán bộ một cửa");
        var browser = Browser();

        var answer = await SignInThroughProviderAsync(browser, person);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("/Account/TwoFactor", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await AssertNotSignedInAsync(browser);
        var ask = await browser.FollowAsync(answer);
        var done = await browser.SubmitAsync(ask, "form[action='/Account/TwoFactor']", new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/can-bo")).StatusCode);

        // The first sign-in linked the provider's login to the account; the next one takes the linked path and is asked again.
        Assert.True(await LinkedAsync(Reception, person.Subject));
        var again = Browser();
        var second = await SignInThroughProviderAsync(again, person);
        Assert.StartsWith("/Account/TwoFactor", second.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await AssertNotSignedInAsync(again);
    }

    [Fact]
    public async Task A_staff_account_without_two_step_verification_is_signed_in_by_the_provider_and_held_at_the_enrolment()
    {
        var browser = Browser();

        var answer = await SignInThroughProviderAsync(browser, new FakeOpenIdProvider.Person("vneid-031090000102", Handler, "Chuyên viên"));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location!.OriginalString);
        foreach (var url in new[] { "/", "/can-bo", "/can-bo/ho-so" })
        {
            var held = await browser.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
            Assert.Equal("/Account/Authenticator", held.Headers.Location!.ToString());
        }

        var setUp = await browser.GetAsync("/Account/Authenticator");
        Assert.Contains("Tài khoản cán bộ phải bật xác thực hai bước", setUp.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_account_whose_login_is_linked_is_not_signed_in_through_the_provider()
    {
        var person = new FakeOpenIdProvider.Person("vneid-031090000103", OtherHandler, "Chuyên viên");
        Assert.Equal("/", (await SignInThroughProviderAsync(Browser(), person)).Headers.Location!.OriginalString);
        await _app.WithDbAsync(db => db.Users.Where(u => u.Email == OtherHandler)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DeactivatedAt, DateTime.UtcNow)));
        var browser = Browser();

        var answer = await SignInThroughProviderAsync(browser, person);

        Assert.Equal("/Account/Login", answer.Headers.Location!.OriginalString);
        await AssertNotSignedInAsync(browser);
    }

    [Fact]
    public async Task A_citizen_new_to_the_portal_gets_an_account_and_is_not_asked_for_a_code()
    {
        var email = $"vneid.{Guid.NewGuid():N}@example.vn";
        var browser = Browser();

        var answer = await SignInThroughProviderAsync(browser, new FakeOpenIdProvider.Person("vneid-031090000104", email, "Phạm Văn Định Danh"));

        Assert.Equal("/Account/Profile", answer.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/ho-so-cua-toi")).StatusCode);
        Assert.True(await LinkedAsync(email, "vneid-031090000104"));
    }

    [Fact]
    public async Task An_unconfirmed_account_with_the_providers_address_is_neither_linked_nor_signed_in()
    {
        var email = $"chua.xac.nhan.{Guid.NewGuid():N}@example.vn";
        await _app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { Id = Guid.NewGuid(), UserName = email, Email = email, FullName = "Người Đăng Ký Hộ", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, "Matkhau@2026")).Succeeded);
            return await users.AddToRoleAsync(user, Portal.Core.Dossiers.Roles.Citizen);
        });
        var browser = Browser();

        var answer = await SignInThroughProviderAsync(browser, new FakeOpenIdProvider.Person("vneid-031090000105", email, "Chủ Thật"));

        Assert.Equal("/Account/Login", answer.Headers.Location!.OriginalString);
        Assert.False(await LinkedAsync(email, "vneid-031090000105"));
        await AssertNotSignedInAsync(browser, "/ho-so-cua-toi");
    }

    /// <summary>
    /// A browser on https: the OIDC handler's correlation and nonce cookies are Secure, and a browser sends them back
    /// only over https.
    /// </summary>
    private FormClient Browser() => new(_app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    }));

    /// <summary>The button on the sign-in page, the provider's page, the post back; returns the portal's callback answer.</summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(FormClient browser, FakeOpenIdProvider.Person person)
    {
        var login = await browser.GetAsync("/Account/Login");
        var challenge = await browser.SubmitAsync(login, "form[action='/Account/ExternalLogin']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var (callback, form) = _provider.Authorize(challenge.Headers.Location!, person);
        var back = await browser.Http.PostAsync(callback, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.StartsWith("/Account/ExternalLoginCallback", back.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return await browser.Http.GetAsync(back.Headers.Location);
    }

    private static async Task AssertNotSignedInAsync(FormClient browser, string page = "/can-bo")
    {
        var refused = await browser.Http.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/Login", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private Task<string> TurnOnTwoFactorAsync(string email) => _app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    });

    private Task<bool> LinkedAsync(string email, string subject) => _app.WithScopeAsync(sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        return db.UserLogins.AnyAsync(l => l.LoginProvider == ExternalLoginOptions.Scheme && l.ProviderKey == subject
            && db.Users.Any(u => u.Id == l.UserId && u.Email == email));
    });

    /// <summary>The portal whose OIDC handler reaches the fake provider through its backchannel.</summary>
    private sealed class ProviderApp(TestDatabase database, IDictionary<string, string?> settings, FakeOpenIdProvider provider)
        : PortalApp(database, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.Configure<OpenIdConnectOptions>(ExternalLoginOptions.Scheme, o => o.BackchannelHttpHandler = provider));
        }
    }
}
