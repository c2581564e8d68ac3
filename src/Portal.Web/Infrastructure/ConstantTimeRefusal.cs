using Microsoft.AspNetCore.Identity;
using Portal.Core.Identity;

namespace Portal.Web.Infrastructure;

/// <summary>
/// One password hash for the refusals that Identity answers without one (unknown address, locked, not allowed), so an
/// attacker cannot tell from the time of the answer whether an account exists (ASVS 2.2.1, 2.5.x).
/// </summary>
public static class ConstantTimeRefusal
{
    private static readonly PortalUser Nobody = new() { Id = Guid.Empty, UserName = "nobody", FullName = "nobody" };
    private static string? _dummyHash;

    /// <summary>True when <paramref name="password"/> is the account's (for an unknown account: a hash against nothing, false).</summary>
    public static bool Verify(IPasswordHasher<PortalUser> hasher, PortalUser? user, string? password)
    {
        var hash = user?.PasswordHash ?? (_dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));
        return hasher.VerifyHashedPassword(user ?? Nobody, hash, password ?? string.Empty) != PasswordVerificationResult.Failed && user?.PasswordHash is not null;
    }
}
