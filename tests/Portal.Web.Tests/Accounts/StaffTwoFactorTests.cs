using System.Net;
using System.Security.Cryptography;
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
        var on = await official.SubmitAsync(setUp, "form[action='/Account/Authenticator']", new Dictionary<string, string?> { ["code"] = Totp(key) });
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

    /// <summary>RFC 6238 with Identity's parameters (SHA-1, 30 s, 6 digits) over the key the page shows in groups of four.</summary>
    private static string Totp(string shownKey)
    {
        var key = Base32(shownKey.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        // SHA-1 is what RFC 6238 authenticator apps and Identity use; this computes the code, it protects nothing.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
