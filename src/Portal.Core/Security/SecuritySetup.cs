using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Security;

public static class SecuritySetup
{
    /// <summary>The shared throttle, its clean-up job, the public lookup's limit per dossier code and sign-in's throttling.</summary>
    public static IServiceCollection AddThrottle(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LookupOptions>(configuration.GetSection(LookupOptions.Section));
        services.AddScoped<Throttle>();
        services.AddScoped<CleanThrottleCountersJob>();
        services.AddScoped<LookupLockout>();
        services.Configure<SignInThrottleOptions>(configuration.GetSection(SignInThrottleOptions.Section));
        services.AddScoped<SignInThrottle>();
        return services;
    }
}
