using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Catalog;
using Portal.Core.Data;
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
    public async Task Pages_over_HTTPS_carry_HSTS_for_a_year_with_subdomains()
    {
        using var response = await _app.Browser().Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task HSTS_is_sent_whatever_the_public_host_is_called_localhost_too()
    {
        // ASP.NET Core leaves localhost names out by default; a portal installed under such a name must not lose HSTS.
        await using var local = new ProductionPortalApp(await TestDatabase.CreateAsync(migrate: false),
            new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = "https://localhost" });
        using var client = local.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
        using var response = await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Every_cookie_set_on_a_tour_of_the_portal_is_Secure_HttpOnly_and_SameSite()
    {
        var ward = await WardOfferingProceduresAsync();
        var client = _app.Browser();
        var set = new List<string>();
        async Task<HttpResponseMessage> Keep(Task<HttpResponseMessage> sending)
        {
            var response = await sending;
            set.AddRange(Cookies(response).Select(c => $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {c}"));
            return response;
        }

        (await Keep(client.Http.GetAsync("/"))).Dispose();
        (await Keep(client.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F"))).Dispose();
        (await Keep(client.Http.GetAsync("/Home/Language?culture=vi-VN&returnUrl=%2F"))).Dispose();
        var login = await Page.ReadAsync(await Keep(client.Http.GetAsync("/Account/Login")));
        (await Keep(client.SubmitAsync(login, "form[action='/Account/Login']", new Dictionary<string, string?> { ["Email"] = Citizen, ["Password"] = _password }))).Dispose();
        (await Keep(client.Http.GetAsync("/thu-tuc"))).Dispose();
        var procedure = await FilingPageAsync(client, ward);
        using var started = await Keep(client.SubmitAsync(procedure, "form[action='/nop-ho-so/bat-dau']",
            new Dictionary<string, string?> { ["agencyId"] = ward.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var draft = await client.FollowAsync(await Keep(client.Http.GetAsync(started.Headers.Location)));
        Assert.Equal(HttpStatusCode.OK, draft.Status);
        (await Keep(client.Http.GetAsync("/ho-so-cua-toi"))).Dispose();
        var profile = await Page.ReadAsync(await Keep(client.Http.GetAsync("/Account/Profile")));
        using var saved = await Keep(client.SubmitAsync(profile, "form[action='/Account/Profile']", new Dictionary<string, string?>
        {
            ["FullName"] = "Nguyễn Văn An",
            ["CitizenId"] = "031090001234",
            ["DateOfBirth"] = "1990-05-12",
            ["Phone"] = "0912345678",
            ["Address"] = "Số 1 Lạch Tray",
            ["CurrentPassword"] = _password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        (await Keep(client.Http.GetAsync("/Account/Profile"))).Dispose();
        var page = await client.GetAsync("/");
        (await Keep(client.SubmitAsync(page, "form[action='/Account/Logout']", new Dictionary<string, string?>()))).Dispose();

        Assert.Contains(set, c => c.Contains(": .AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains(set, c => c.Contains(": .AspNetCore.Mvc.CookieTempDataProvider=", StringComparison.Ordinal));
        Assert.Contains(set, c => c.Contains(": portal.auth=", StringComparison.Ordinal));
        Assert.All(set, c =>
        {
            Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("; samesite=(lax|strict)", c.ToLowerInvariant());
        });
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

    /// <summary>The province and a ward as the administration creates them on go-live: the ward offers the commune procedures of the catalogue.</summary>
    private async Task<int> WardOfferingProceduresAsync()
    {
        var admin = new AuditActor(null, "Quản trị viên", Roles.Admin, null, null);
        await using var scope = _app.Services.CreateAsyncScope();
        var create = scope.ServiceProvider.GetRequiredService<CreateAgency>();
        var province = await create.HandleAsync(new CreateAgency.Command("000.00.00.H31", "Ủy ban nhân dân thành phố Hải Phòng", AgencyLevel.Province, null, null),
            admin, CancellationToken.None);
        return await create.HandleAsync(new CreateAgency.Command("000.20.41.H31", "Ủy ban nhân dân phường Thử Nghiệm", AgencyLevel.Commune, province, null),
            admin, CancellationToken.None);
    }

    /// <summary>The page of a procedure offered at the ward that can be filed online (its form to start a draft).</summary>
    private async Task<Page> FilingPageAsync(FormClient client, int ward)
    {
        List<int> offered;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            offered = await scope.ServiceProvider.GetRequiredService<PortalDb>().ProcedureAgencies.Where(pa => pa.AgencyId == ward)
                .Select(pa => pa.ProcedureId).OrderBy(id => id).ToListAsync();
        }

        foreach (var id in offered)
        {
            var page = await client.GetAsync($"/thu-tuc/{id}");
            if (page.Document.QuerySelector("form[action='/nop-ho-so/bat-dau']") is not null)
            {
                return page;
            }
        }

        throw new InvalidOperationException($"None of the {offered.Count} procedures offered at the ward can be filed online.");
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
