using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Notifications;

namespace Portal.Core.Administration.Accounts;

public static class AccountAdministrationSetup
{
    /// <summary>Official accounts: the use cases, their validators, the list and the invitation mail.</summary>
    public static IServiceCollection AddAccountAdministration(this IServiceCollection services)
    {
        services.AddScoped<OfficialAccounts>();
        services.AddScoped<CreateOfficialAccount>();
        services.AddScoped<ResendInvitation>();
        services.AddScoped<DeactivateAccount>();
        services.AddScoped<ReactivateAccount>();
        services.AddScoped<UnlockAccount>();
        services.AddScoped<ResetTwoFactor>();
        services.AddScoped<ForcePasswordChange>();
        services.AddScoped<ChangeAccountAssignment>();
        services.AddScoped<IOutboxHandler, AccountInvitation>();
        services.AddValidatorsFromAssemblyContaining<CreateOfficialAccount.Validator>(ServiceLifetime.Singleton, includeInternalTypes: false,
            filter: r => r.ValidatorType.Namespace == typeof(CreateOfficialAccount).Namespace);
        return services;
    }
}
