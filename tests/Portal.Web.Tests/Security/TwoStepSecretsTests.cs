using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>
/// ASVS 2.6.1, 2.6.2 and 2.8.2: a copy of the database holds neither the authenticator key nor the recovery codes (the
/// key is encrypted with the data-protection keys, the codes are salted hashes); a recovery code signs in once, typed
/// in any case, with or without its dash; a key stored in plain text by an older portal still works.
/// </summary>
public sealed class TwoStepSecretsTests(BlankPortalFixture f) : IClassFixture<BlankPortalFixture>
{
    private const string Password = BlankPortalFixture.Password;

    private Task<(string Email, Guid Id, FormClient Browser)> CitizenAsync() => f.CitizenAsync("Vũ Văn Khóa");

    private Task<Dictionary<string, string?>> TokensAsync(Guid id) => f.App.WithScopeAsync(sp =>
        sp.GetRequiredService<PortalDb>().UserTokens.AsNoTracking().Where(t => t.UserId == id).ToDictionaryAsync(t => t.Name, t => t.Value));

    private static async Task<HttpResponseMessage> SecondStepAsync(FormClient browser, string email, string code)
    {
        var login = await browser.GetAsync("/Account/Login");
        var step = await browser.SubmitAsync(login, "form[action='/Account/Login']", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = Password });
        Assert.StartsWith("/Account/TwoFactor", step.Headers.Location!.ToString(), StringComparison.Ordinal);
        var ask = await browser.FollowAsync(step);
        return await browser.SubmitAsync(ask, "form[action='/Account/TwoFactor']", new Dictionary<string, string?> { ["Code"] = code });
    }

    [Fact]
    public async Task The_database_keeps_neither_the_authenticator_key_nor_the_recovery_codes_and_a_recovery_code_signs_in_once()
    {
        var (email, id, browser) = await CitizenAsync();
        var (key, on) = await BlankPortalFixture.TurnOnTwoFactorAsync(browser);
        var codes = on.Document.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(8, codes.Count);

        var tokens = await TokensAsync(id);
        var storedKey = tokens["AuthenticatorKey"]!;
        Assert.StartsWith("dp:", storedKey, StringComparison.Ordinal);
        Assert.DoesNotContain(key.ToUpperInvariant(), storedKey.ToUpperInvariant(), StringComparison.Ordinal);
        var storedCodes = tokens["RecoveryCodes"]!;
        Assert.All(codes, c => Assert.DoesNotContain(c, storedCodes, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(8, storedCodes.Split(';').Count(c => c.StartsWith("h:", StringComparison.Ordinal)));
        // PostgreSQL's token column holds 400 characters (SQLite would take more without a word).
        Assert.All([storedKey, storedCodes], v => Assert.InRange(v.Length, 1, 400));

        // Typed in lower case without its dash, the first code signs in; the second time it does not.
        var typed = codes[0].Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        using var first = await SecondStepAsync(FormClient.For(f.App), email, typed);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var again = await SecondStepAsync(FormClient.For(f.App), email, codes[0]);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(7, (await TokensAsync(id))["RecoveryCodes"]!.Split(';').Length);
    }

    [Fact]
    public async Task An_authenticator_key_stored_in_plain_text_by_an_older_portal_still_gives_codes()
    {
        var (email, id, _) = await CitizenAsync();
        const string plainKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        await f.App.WithDbAsync(async db =>
        {
            db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = plainKey });
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, true));
            await db.SaveChangesAsync();
        });

        using var answer = await SecondStepAsync(FormClient.For(f.App), email, Totp.Code(plainKey));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location!.OriginalString);
    }
}
