using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Testing;
using Portal.Web.Infrastructure;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// The data-protection keys live in the installation's database: every node sharing it reads the others' cookies, another
/// installation refuses them, and with a certificate configured the stored keys are encrypted.
/// </summary>
public sealed class DataProtectionSetupTests
{
    private const string Email = "quantri@example.vn";
    private readonly string _password = "Pw-" + Guid.NewGuid().ToString("N")[..10] + "A1";

    [Fact]
    public async Task A_sign_in_cookie_from_one_installation_is_refused_by_another()
    {
        await using var ours = await PortalApp.StartAsync();
        await using var theirs = await PortalApp.StartAsync();
        await CreateUserAsync(ours);
        await CreateUserAsync(theirs);
        var cookie = await SignInCookieAsync(ours);

        Assert.NotNull(Ticket(ours).Unprotect(cookie));
        Assert.Null(Ticket(theirs).Unprotect(cookie));
        using var response = await WithCookieAsync(theirs, cookie, "/Account/Profile");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nodes_sharing_one_database_and_certificate_accept_each_others_cookies()
    {
        var shared = await TestDatabase.CreateAsync(migrate: false);
        var certificate = PortalApp.GoLiveSettings(PortalApp.LiveBaseUrl);
        var settings = new Dictionary<string, string?>
        {
            [DataProtectionSetup.CertificatePathSetting] = certificate[DataProtectionSetup.CertificatePathSetting],
            [DataProtectionSetup.CertificatePasswordSetting] = certificate[DataProtectionSetup.CertificatePasswordSetting],
        };
        await using var first = new PortalApp(shared, settings);
        _ = first.Server;
        await CreateUserAsync(first);
        var cookie = await SignInCookieAsync(first);
        await using var second = new PortalApp(shared, settings);
        _ = second.Server;

        using var response = await WithCookieAsync(second, cookie, "/Account/Profile");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(Ticket(second).Unprotect(cookie));
    }

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_not_plain_XML()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", "dp-" + Guid.NewGuid().ToString("N"));
        await using var app = await PortalApp.StartAsync(new Dictionary<string, string?>
        {
            [DataProtectionSetup.CertificatePathSetting] = TestCertificate.Write(folder),
            [DataProtectionSetup.CertificatePasswordSetting] = TestCertificate.Password,
        });
        await CreateUserAsync(app);
        _ = await SignInCookieAsync(app);

        var keys = await app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Outside_Development_the_start_without_a_certificate_fails_naming_the_setting()
    {
        await using var app = new PortalApp(await TestDatabase.CreateAsync(migrate: false),
            new Dictionary<string, string?> { [DataProtectionSetup.CertificatePathSetting] = "" }, "Production");
        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains($"{DataProtectionSetup.CertificatePathSetting} is not set", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_certificate_password_stops_the_start_with_a_clear_message()
    {
        await using var app = new PortalApp(await TestDatabase.CreateAsync(migrate: false),
            new Dictionary<string, string?> { [DataProtectionSetup.CertificatePasswordSetting] = "not-the-password" }, "Production");
        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("cannot be opened", refused.ToString(), StringComparison.Ordinal);
    }

    private static Microsoft.AspNetCore.Authentication.ISecureDataFormat<Microsoft.AspNetCore.Authentication.AuthenticationTicket> Ticket(PortalApp app) =>
        app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;

    private async Task CreateUserAsync(PortalApp app) => await app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = Email, Email = Email, EmailConfirmed = true, FullName = "Quản trị thử", LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, _password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Citizen);
        return user.Id;
    });

    /// <summary>Signs in through the login form and returns the value of the portal.auth cookie.</summary>
    private async Task<string> SignInCookieAsync(PortalApp app)
    {
        var client = FormClient.For(app);
        var login = await client.GetAsync("/Account/Login");
        using var response = await client.SubmitAsync(login, "form[action='/Account/Login']", new Dictionary<string, string?> { ["Email"] = Email, ["Password"] = _password });
        var header = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        return header["portal.auth=".Length..header.IndexOf(';', StringComparison.Ordinal)];
    }

    private static async Task<HttpResponseMessage> WithCookieAsync(PortalApp app, string cookie, string path)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", "portal.auth=" + cookie);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
