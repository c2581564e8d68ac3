using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Identity;

/// <summary>
/// Identity's store with the two-step secrets kept out of reach of a copy of the database (ASVS 2.6.2, 2.8.2): the
/// authenticator key is encrypted with the data-protection keys (themselves encrypted with the configured certificate
/// outside Development), and recovery codes are kept only as salted SHA-256 hashes, so that a stolen table neither
/// computes codes nor lists recovery codes. Values written before this store (plain key, plain codes) still work and
/// are replaced at the next enrolment.
/// </summary>
public sealed class ProtectedUserStore(PortalDb context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<PortalUser, PortalRole, PortalDb, Guid>(context, describer)
{
    private const string KeyPrefix = "dp:";
    private const string CodePrefix = "h:";
    private readonly IDataProtector _keys = protection.CreateProtector("Portal.Identity.AuthenticatorKey.v1");

    public override Task SetAuthenticatorKeyAsync(PortalUser user, string key, CancellationToken cancellationToken = default) =>
        base.SetAuthenticatorKeyAsync(user, KeyPrefix + _keys.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        return stored is not null && stored.StartsWith(KeyPrefix, StringComparison.Ordinal) ? _keys.Unprotect(stored[KeyPrefix.Length..]) : stored;
    }

    public override Task ReplaceCodesAsync(PortalUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(c => Hash(user, c)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(PortalUser user, string code, CancellationToken cancellationToken = default) =>
        await base.RedeemCodeAsync(user, Hash(user, code), cancellationToken)
        || (!code.StartsWith(CodePrefix, StringComparison.Ordinal) && await base.RedeemCodeAsync(user, code, cancellationToken));

    /// <summary>
    /// "h:" and the first 128 bits, in hex, of the SHA-256 of the account's id (the salt) and the code without dashes or
    /// spaces, in upper case: a code typed as "abcde fghij" or "ABCDE-FGHIJ" is the same code. 128 bits are far more
    /// than a code's own 47, and keep eight codes (34 characters each, ';' between) within the token column's 400.
    /// </summary>
    public static string Hash(PortalUser user, string code)
    {
        var clean = new string([.. code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
        return CodePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.Id.ToString("N") + ":" + clean)).AsSpan(0, 16));
    }
}
