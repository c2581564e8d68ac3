using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Exchange;

namespace Portal.Core.Statistics;

public static class StatisticsSetup
{
    /// <summary>
    /// The aggregates' sink (one per database context), the readers, the scorecard configuration, and the exchange
    /// (import of legacy files kept in the document store until their run is done, export).
    /// </summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddTransient<IDossierChangeSink>(sp => new StatisticsSink(sp.GetRequiredService<IOptions<WorkingTimeOptions>>().Value.ResolveTimeZone()));
        services.AddSingleton(sp => new DossierSets(sp.GetRequiredService<IOptions<WorkingTimeOptions>>().Value.ResolveTimeZone()));
        services.AddScoped<StatisticsReader>();
        services.AddScoped<BuildDashboard>();
        services.AddSingleton(sp => StatisticsConfiguration.Load(sp.GetRequiredService<IConfiguration>()["Statistics:ConfigurationFile"]));
        services.AddScoped<ImportDossiersJob>();
        services.AddScoped<StartImportHandler>();
        services.AddScoped<IValidator<StartImport>, StartImportValidator>();
        services.AddScoped<ExportDossiers>();
        return services;
    }
}
