using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Catalog;

public static class CatalogueSetup
{
    /// <summary>The catalogue sync, reading <c>Catalog:Directory</c> (relative paths from the data directory).</summary>
    public static IServiceCollection AddCatalogue(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<CatalogueOptions>(o =>
        {
            configuration.GetSection(CatalogueOptions.Section).Bind(o);
            if (!string.IsNullOrWhiteSpace(o.Directory))
            {
                o.Directory = Path.GetFullPath(o.Directory, dataDirectory);
            }
        });
        services.AddScoped<CatalogueSync>();
        services.AddMemoryCache();
        services.AddScoped<ProcedureFilings>();
        services.AddScoped<ProcedureSearch>();
        return services;
    }
}
