using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Security;

public static class SecuritySetup
{
    /// <summary>The shared throttle, its clean-up job, and the public lookup's limit per dossier code.</summary>
    public static IServiceCollection AddThrottle(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LookupOptions>(configuration.GetSection(LookupOptions.Section));
        services.AddScoped<Throttle>();
        services.AddScoped<CleanThrottleCountersJob>();
        services.AddScoped<LookupLockout>();
        return services;
    }
}
