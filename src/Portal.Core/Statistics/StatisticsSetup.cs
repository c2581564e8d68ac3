using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;

namespace Portal.Core.Statistics;

public static class StatisticsSetup
{
    /// <summary>The aggregates' sink (one per database context), the readers and the leadership's reports.</summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddTransient<IDossierChangeSink>(sp => new StatisticsSink(sp.GetRequiredService<IOptions<WorkingTimeOptions>>().Value.ResolveTimeZone()));
        services.AddSingleton(sp => new DossierSets(sp.GetRequiredService<IOptions<WorkingTimeOptions>>().Value.ResolveTimeZone()));
        services.AddScoped<StatisticsReader>();
        return services;
    }
}
