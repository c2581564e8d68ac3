using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>
/// The portal as it runs outside Development (the Production environment: its public address and data-protection
/// certificate from <see cref="PortalApp.GoLiveSettings"/>, no demo), reached over HTTPS.
/// </summary>
public sealed class ProductionPortalApp(TestDatabase database, IDictionary<string, string?> settings) : PortalApp(database, settings, "Production")
{
    public FormClient Browser() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(LiveBaseUrl + "/"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }));
}

/// <summary>Cookies, HSTS, lockout and the registration limit where they matter: outside Development.</summary>
public sealed class ProductionSecurityTests : IAsyncLifetime
{
    private const string Citizen = "an.nguyen@example.vn";
    private const string Business = "cangxanh@example.vn";
    private readonly string _password = "Pw-" + Guid.NewGuid().ToString("N")[..10] + "A1";
    private ProductionPortalApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new ProductionPortalApp(await TestDatabase.CreateAsync(migrate: false), new Dictionary<string, string?>
        {
            ["RateLimits:RegisterPerTenMinutes"] = "2",
        });
        _ = _app.Server;
        // No demo in Production: the accounts these tests sign in with are created as a province would have them.
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        foreach (var email in new[] { Citizen, Business })
        {
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Nguyễn Văn An", LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, _password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Citizen);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_sign_in_and_antiforgery_cookies_are_Secure_HttpOnly_and_SameSite()
    {
        var client = _app.Browser();
        using var first = await client.Http.GetAsync("/Account/Login");
        var login = await Page.ReadAsync(first);
        using var response = await client.SubmitAsync(login, "form[action='/Account/Login']",
            new Dictionary<string, string?> { ["Email"] = Citizen, ["Password"] = _password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var antiforgery = Cookie(first, "portal.af");
        var auth = Cookie(response, "portal.auth");
        Assert.All([antiforgery, auth], c =>
        {
            Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains("; samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", auth, StringComparison.OrdinalIgnoreCase);

        // Secure always, not only when the request came over HTTPS (behind a proxy that forgot the scheme, too).
        var authOptions = _app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(CookieSecurePolicy.Always, authOptions.Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, _app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task A_form_asked_for_over_plain_HTTP_gets_the_HTTPS_address_not_an_error()
    {
        // The Secure-only antiforgery cookie cannot be set over HTTP: before, the sign-in form answered 500 here.
        using var plain = _app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://dichvucong.haiphong.example.vn/"),
            AllowAutoRedirect = false,
        });
        using var response = await plain.GetAsync("/Account/Login?returnUrl=%2Fho-so", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Cần kết nối an toàn (HTTPS)", html, StringComparison.Ordinal);
        Assert.Contains("served over HTTPS only", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://dichvucong.haiphong.example.vn/Account/Login?returnUrl=%2Fho-so\"", html, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Pages_over_HTTPS_carry_HSTS()
    {
        using var response = await _app.Browser().Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_five_wrong_passwords_a_new_browser_waits_and_even_the_right_password_is_not_looked_at()
    {
        var email = Business;
        var client = _app.Browser();
        for (var i = 0; i < 5; i++)
        {
            var (wrong, _) = await SignInAsync(client, email, "Sai@" + i);
            wrong.Dispose();
        }

        var (response, page) = await SignInAsync(client, email, _password);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("Đã đăng nhập sai nhiều lần. Vui lòng thử lại sau", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Cookies(response), c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        response.Dispose();
    }

    [Fact]
    public async Task Registrations_from_one_address_are_limited_with_a_Vietnamese_message()
    {
        var client = _app.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var form = await client.GetAsync("/Account/Register");
            using var response = await client.SubmitAsync(form, "form[action='/Account/Register']", new Dictionary<string, string?> { ["FullName"] = "" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("quá nhiều lần", (await Page.ReadAsync(response)).Text, StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
    }

    private static async Task<(HttpResponseMessage Response, Page Page)> SignInAsync(FormClient client, string email, string password)
    {
        var login = await client.GetAsync("/Account/Login");
        var response = await client.SubmitAsync(login, "form[action='/Account/Login']", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
        return (response, await Page.ReadAsync(response));
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string Cookie(HttpResponseMessage response, string name) =>
        Cookies(response).SingleOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No {name} cookie set by {response.RequestMessage?.RequestUri}.");
}
