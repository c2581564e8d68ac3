using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Portal.Core.Data;

namespace Portal.Core.Identity;

/// <summary>
/// The authenticator app's codes (RFC 6238: SHA-1, 30 s, 6 digits, one step of clock drift either way), each usable
/// once (ASVS 2.8.4): the last accepted time step is kept per account in the user-token table and only a later step
/// passes, so a code seen over a shoulder or replayed within its 30 s signs nobody in a second time. The step is moved
/// forward by one conditional update, so two sign-ins racing with the same code on two nodes cannot both win.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(PortalDb db, TimeProvider time) : IUserTwoFactorTokenProvider<PortalUser>
{
    public const string LoginProvider = "[PortalAuthenticator]";
    public const string LastStepName = "LastStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the person's app, never from the portal.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = new string((token ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (string.IsNullOrWhiteSpace(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        byte[] secret;
        try
        {
            secret = Base32Encoding.ToBytes(key);
        }
        catch (ArgumentException)
        {
            return false;
        }

        var totp = new Totp(secret);
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1))
            && await ClaimStepAsync(user.Id, step);
    }

    /// <summary>Records <paramref name="step"/> as used; false when it, or a later one, was used already.</summary>
    private async Task<bool> ClaimStepAsync(Guid userId, long step)
    {
        // Fixed width, so that the text comparison orders steps as numbers on every database.
        var value = step.ToString("D16", CultureInfo.InvariantCulture);
        var tokens = db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == LoginProvider && t.Name == LastStepName);
        // Translated to SQL (digits compare alike in every collation); the ordinal overload has no translation.
#pragma warning disable CA1309
        var moved = await tokens.Where(t => string.Compare(t.Value, value) < 0).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value));
#pragma warning restore CA1309
        if (moved == 1)
        {
            return true;
        }

        if (await tokens.AnyAsync())
        {
            return false;
        }

        var first = new IdentityUserToken<Guid> { UserId = userId, LoginProvider = LoginProvider, Name = LastStepName, Value = value };
        db.UserTokens.Add(first);
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            // Another sign-in recorded the first step at the same moment: this one is the replay.
            return false;
        }
        finally
        {
            db.Entry(first).State = EntityState.Detached;
        }
    }
}
