using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Api;

public static class ApiSetup
{
    /// <summary>The API's clients (administration use cases) and its read models; the web host adds OpenIddict and the endpoints.</summary>
    public static IServiceCollection AddApiClients(this IServiceCollection services)
    {
        services.AddScoped<CreateApiClient>();
        services.AddScoped<ChangeApiClientAccess>();
        services.AddScoped<RotateApiClientSecret>();
        services.AddScoped<RevokeApiClient>();
        services.AddScoped<IValidator<CreateApiClient.Command>, CreateApiClient.Validator>();
        services.AddScoped<ApiCatalogue>();
        services.AddScoped<ApiDossiers>();
        return services;
    }
}
