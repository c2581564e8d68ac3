using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using Portal.Core.Api;

namespace Portal.Web.Api;

/// <summary>One authorization policy per scope: a bearer token of the OpenIddict validation scheme (never the sign-in cookie) that carries the scope.</summary>
public static class ApiAuthorization
{
    public static string PolicyOf(string scope) => "api:" + scope;

    /// <summary>The scope an endpoint's policy asks for (the OpenAPI document and the tests read it).</summary>
    public static string? ScopeOf(string? policy) => policy is not null && policy.StartsWith("api:", StringComparison.Ordinal) ? policy[4..] : null;

    public static IServiceCollection AddApiAuthorization(this IServiceCollection services)
    {
        var builder = services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All)
        {
            builder.AddPolicy(PolicyOf(scope), p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasScope(scope)));
        }

        return services;
    }
}
