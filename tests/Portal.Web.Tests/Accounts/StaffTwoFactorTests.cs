using System.Net;
using Portal.Core.Data.Seeding;
using Portal.Testing;

namespace Portal.Web.Tests.Accounts;

/// <summary>Identity:RequireTwoFactorForStaff on (the default outside Development and Testing): staff enrol before any staff page.</summary>
public sealed class StaffTwoFactorTests : IAsyncLifetime
{
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await PortalApp.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:SeedDemo"] = "true",
        ["Portal:DemoDossiers"] = "10",
        ["Portal:NodeRoles"] = "web",
        ["Identity:RequireTwoFactorForStaff"] = "true",
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_official_without_two_step_verification_is_held_at_the_authenticator_set_up_until_it_is_on()
    {
        var official = FormClient.For(_app);
        var login = await official.GetAsync("/Account/Login");
        await official.SubmitAsync(login, "form[action='/Account/Login']", new Dictionary<string, string?>
        {
            ["Email"] = "motcua.hongbang@" + DemoSeeder.EmailDomain,
            ["Password"] = DemoSeeder.Password,
        });
        foreach (var url in new[] { "/", "/can-bo", "/can-bo/ho-so" })
        {
            var held = await official.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
            Assert.Equal("/Account/Authenticator", held.Headers.Location!.ToString());
        }

        var setUp = await official.GetAsync("/Account/Authenticator");
        Assert.Contains("Tài khoản cán bộ phải bật xác thực hai bước", setUp.Text, StringComparison.Ordinal);
        var key = setUp.Document.QuerySelector("code.authenticator-key")!.TextContent;
        var on = await official.SubmitAsync(setUp, "form[action='/Account/Authenticator']", new Dictionary<string, string?> { ["code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await official.Http.GetAsync("/can-bo")).StatusCode);
        var turnOff = await official.SubmitAsync(await official.GetAsync("/Account/Authenticator"), "form[action='/Account/DisableAuthenticator']", new Dictionary<string, string?>());
        Assert.Contains("bắt buộc xác thực hai bước", (await official.FollowAsync(turnOff)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citizen_is_not_asked_for_two_step_verification()
    {
        var citizen = FormClient.For(_app);
        await citizen.SignInAsync("congdan@" + DemoSeeder.EmailDomain, DemoSeeder.Password);

        Assert.Equal(HttpStatusCode.OK, (await citizen.Http.GetAsync("/ho-so-cua-toi")).StatusCode);
    }
}
