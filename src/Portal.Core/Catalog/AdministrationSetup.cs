using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;

namespace Portal.Core.Catalog;

/// <summary>The administrators' use cases: agencies, procedures, and the audit search.</summary>
public static class AdministrationSetup
{
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddScoped<CreateAgency>();
        services.AddScoped<RenameAgency>();
        services.AddScoped<MergeAgencies>();
        services.AddScoped<DeactivateAgency>();
        services.AddScoped<AgencyDirectory>();
        services.AddScoped<ProcedureCatalogue>();
        services.AddScoped<SaveProcedureDraft>();
        services.AddScoped<PublishProcedureDraft>();
        services.AddScoped<DiscardProcedureDraft>();
        services.AddScoped<SetProcedureOffers>();
        services.AddScoped<AuditSearch>();
        services.AddValidatorsFromAssemblyContaining<CreateAgency.Validator>(ServiceLifetime.Singleton, includeInternalTypes: false,
            filter: r => r.ValidatorType.Namespace == typeof(CreateAgency).Namespace);
        return services;
    }
}
