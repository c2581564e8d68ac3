using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Portal.Core.Security;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The browsers an account has signed in on (<see cref="SignInThrottle"/>): one cookie per account name, protected and
/// time-limited by data protection (shared by every node), holding the name and a random nonce; HttpOnly, Secure
/// outside Development, SameSite=Strict, sent to /Account only.
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider protection, IWebHostEnvironment environment)
{
    private const string Prefix = "portal.dev.";
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Portal.SignIn.DeviceCookie").ToTimeLimitedDataProtector();

    /// <summary>The nonce of this browser's cookie for <paramref name="normalizedEmail"/>, or null (none, forged, expired, another name's).</summary>
    public string? Read(HttpContext http, string normalizedEmail)
    {
        if (!http.Request.Cookies.TryGetValue(Prefix + SignInThrottle.CookieSuffix(normalizedEmail), out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('\n');
            return parts.Length == 2 && string.Equals(parts[0], normalizedEmail, StringComparison.Ordinal) ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void Issue(HttpContext http, string normalizedEmail, TimeSpan lifetime)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(Prefix + SignInThrottle.CookieSuffix(normalizedEmail), _protector.Protect(normalizedEmail + "\n" + nonce, lifetime), Options(http, lifetime));
    }

    public void Forget(HttpContext http, string normalizedEmail) =>
        http.Response.Cookies.Delete(Prefix + SignInThrottle.CookieSuffix(normalizedEmail), Options(http, TimeSpan.Zero));

    private CookieOptions Options(HttpContext http, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Secure = !PortalEnvironments.IsLocal(environment) || http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/Account",
        IsEssential = true,
        MaxAge = lifetime > TimeSpan.Zero ? lifetime : null,
    };
}
