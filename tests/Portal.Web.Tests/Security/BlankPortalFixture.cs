using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>One portal without demo data for the class; each test makes its own accounts with <see cref="CitizenAsync"/>.</summary>
public class BlankPortalFixture : IAsyncLifetime
{
    public const string Password = "Matkhau@2026";

    public PortalApp App { get; private set; } = null!;

    protected virtual Dictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync()
    {
        App = new PortalApp(await TestDatabase.CreateAsync(migrate: false), Settings);
        _ = App.Server;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>
    /// A confirmed citizen account with <see cref="Password"/> (and whatever <paramref name="details"/> adds) and a browser
    /// signed in as it.
    /// </summary>
    public async Task<(string Email, Guid Id, FormClient Browser)> CitizenAsync(string fullName, Action<PortalUser>? details = null)
    {
        var email = $"congdan.{Guid.NewGuid():N}@example.vn";
        var id = await App.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, LockoutEnabled = true };
            details?.Invoke(user);
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Citizen);
            return user.Id;
        });
        var browser = FormClient.For(App);
        await browser.SignInAsync(email, Password);
        return (email, id, browser);
    }

    /// <summary>Turns two-step verification on from the authenticator page with its current code; the key and the page that answered.</summary>
    public static async Task<(string Key, Page Answer)> TurnOnTwoFactorAsync(FormClient browser)
    {
        var setup = await browser.GetAsync("/Account/Authenticator");
        var key = setup.Document.QuerySelector(".authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal);
        var answer = await Page.ReadAsync(await browser.SubmitAsync(setup, "form[action='/Account/Authenticator']", new Dictionary<string, string?> { ["code"] = Totp.Code(key) }));
        Assert.Contains("Đã bật xác thực hai bước", answer.Text, StringComparison.Ordinal);
        return (key, answer);
    }
}
