using System.Threading.RateLimiting;
using Portal.Core.Security;

namespace Portal.Web.Infrastructure;

/// <summary>Section "RateLimits": attempts per client address per window, for the endpoints attackers like.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public int LoginPerMinute { get; set; } = 20;
    public int RegisterPerTenMinutes { get; set; } = 5;

    /// <summary>Mails that prove an address (forgotten password, confirmation again, the unlock link's button), apart from registrations.</summary>
    public int RecoveryPerTenMinutes { get; set; } = 10;

    /// <summary>New passwords from a mailed link (reset, invitation, the first administrator), apart from the mails that carry them.</summary>
    public int SetPasswordPerTenMinutes { get; set; } = 10;
    public int LookupPerMinute { get; set; } = 20;
}

/// <summary>
/// Named policies, partitioned by client address (<see cref="ClientAddress.Partition"/>: IPv4 whole, IPv6 by /64; behind a
/// proxy, the forwarded address). They count per node, in memory; what must hold across nodes (the wrong PINs of one
/// dossier code) is counted by the database-backed <see cref="Throttle"/>. A refused request gets 429
/// and the status page says, in Vietnamese and English, to wait a few minutes.
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Register = "register";
    public const string Recovery = "recovery";
    public const string SetPassword = "set-password";
    public const string Lookup = "lookup";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var o = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Login, http => Window(http, o.LoginPerMinute, TimeSpan.FromMinutes(1)));
            // Each its own count: an office that registered five people may still reset a password and set another.
            limiter.AddPolicy(Register, http => Window(http, o.RegisterPerTenMinutes, TimeSpan.FromMinutes(10)));
            limiter.AddPolicy(Recovery, http => Window(http, o.RecoveryPerTenMinutes, TimeSpan.FromMinutes(10)));
            limiter.AddPolicy(SetPassword, http => Window(http, o.SetPasswordPerTenMinutes, TimeSpan.FromMinutes(10)));
            limiter.AddPolicy(Lookup, http => Window(http, o.LookupPerMinute, TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    private static RateLimitPartition<string> Window(HttpContext http, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            ClientAddress.Partition(http.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0 });
}
