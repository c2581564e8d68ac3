using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Infrastructure;

/// <summary>
/// A phone change waiting for the code texted to the new number: the account and the number, sealed with the
/// data-protection keys for 30 minutes once the password was given on the profile. The confirmation page takes only
/// this, so a session without the password can neither start a change nor have codes texted to a number of its choice.
/// </summary>
public sealed class PendingPhones(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Portal.Account.PendingPhone.v1").ToTimeLimitedDataProtector();

    public string Seal(Guid userId, string phone) => _protector.Protect(userId.ToString("N") + "\n" + phone, Lifetime);

    /// <summary>The number waiting for <paramref name="userId"/>'s confirmation, or null when the seal is not theirs, altered or expired.</summary>
    public string? Open(Guid userId, string? sealedPhone)
    {
        if (string.IsNullOrEmpty(sealedPhone))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(sealedPhone).Split('\n');
            return parts.Length == 2 && parts[0] == userId.ToString("N") ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
