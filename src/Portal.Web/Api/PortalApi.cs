using Microsoft.AspNetCore.Authorization;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using Microsoft.OpenApi;
using Portal.Core.Api;
using Portal.Core.Data;
using Portal.Web.Infrastructure;
using Scalar.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Portal.Web.Api;

/// <summary>
/// The open API (issue 16): OAuth 2.0 client credentials at /connect/token (OpenIddict, its applications in the portal's
/// database), access tokens sealed with the portal's ASP.NET Data Protection keys (kept in the database, shared by every
/// node: a token issued by one node is read by all), read endpoints under /api/v1, the OpenAPI 3.1 document generated
/// from them at /openapi/v1.json and its Scalar reference at /api/docs.
/// </summary>
public static class PortalApi
{
    public const string DocsPath = "/api/docs";
    public const string DocumentPath = "/openapi/v1.json";
    public const string TokenPath = "/connect/token";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddPortalApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.Section));
        services.AddApiClients();
        services.AddScoped<ApiGate>();
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<PortalDb>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                o.AllowClientCredentialsFlow();
                o.RegisterScopes([.. ApiScopes.All]);
                o.SetAccessTokenLifetime(TokenLifetime);
                // Client-credentials tokens are bearer tokens checked by their seal and by ApiGate (revocation, rotation):
                // no row per token in the database.
                o.DisableTokenStorage();
                o.DisableAuthorizationStorage();
                o.UseDataProtection();
                AddServerKeys(o, configuration);
                var aspnet = o.UseAspNetCore();
                if (PortalEnvironments.IsLocal(environment))
                {
                    // Development and the test host run on plain HTTP; everywhere else HttpsOnly answers HTTP before this.
                    aspnet.DisableTransportSecurityRequirement();
                }

                o.AddEventHandler<HandleTokenRequestContext>(b => b.UseScopedHandler<IssueClientToken>());
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseDataProtection();
                o.UseAspNetCore();
            });
        services.AddApiAuthorization();
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Cổng Dịch vụ công – API",
                    Version = "v1",
                    Description = "API mở của cổng: danh mục thủ tục và hồ sơ cho các hệ thống khác. Xác thực OAuth 2.0 client credentials tại /connect/token; lỗi theo RFC 9457.\n\n"
                        + "The portal's open API: the procedure catalogue and dossiers for other systems. OAuth 2.0 client credentials at /connect/token; errors as RFC 9457 problem details.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["oauth2"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.OAuth2,
                    Description = "Client credentials. / Client credentials.",
                    Flows = new OpenApiOAuthFlows
                    {
                        ClientCredentials = new OpenApiOAuthFlow
                        {
                            TokenUrl = new Uri(TokenPath, UriKind.Relative),
                            Scopes = ApiScopes.All.ToDictionary(s => s, ApiScopes.Describe),
                        },
                    },
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
                    .Select(a => ApiAuthorization.ScopeOf(a.Policy)).LastOrDefault(s => s is not null);
                if (scope is null)
                {
                    return Task.CompletedTask;
                }

                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("oauth2", context.Document)] = [scope] }];
                operation.Responses ??= [];
                foreach (var (status, description) in new[]
                {
                    ("401", "Thiếu token, token hết hạn hoặc ứng dụng đã bị thu hồi. / No token, an expired one, or a revoked client."),
                    ("403", $"Token không có phạm vi {scope}. / The token lacks the {scope} scope."),
                    ("429", "Vượt giới hạn số lần gọi của ứng dụng (Retry-After). / Over the client's call limit (Retry-After)."),
                })
                {
                    operation.Responses.TryAdd(status, new OpenApiResponse
                    {
                        Description = description,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            [ApiProblems.ContentType] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                        },
                    });
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>
    /// Access tokens are sealed with the Data Protection keys (above), not with these; OpenIddict still demands a signing and
    /// an encryption key at start (for JWT tokens this server never issues: no identity or refresh tokens). Outside
    /// Development and the test host they are the RSA key of the data-protection certificate every node is given, so that
    /// no node holds a key of its own; locally, without a certificate, ephemeral ones.
    /// </summary>
    private static void AddServerKeys(OpenIddictServerBuilder server, IConfiguration configuration)
    {
        if (DataProtectionSetup.ConfiguredCertificate(configuration) is { } certificate)
        {
            var key = new RsaSecurityKey(certificate.GetRSAPrivateKey()!);
            server.AddSigningKey(key).AddEncryptionKey(key);
            return;
        }

        server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
    }

    public static WebApplication MapPortalApi(this WebApplication app)
    {
        var api = app.MapGroup(ApiPipeline.Prefix).AddEndpointFilter<ApiGate>();
        api.MapCatalogue();
        api.MapDossiers();
        app.MapOpenApi(DocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal)).AllowAnonymous();
        app.MapScalarApiReference(DocsPath, o =>
        {
            o.Title = "Cổng Dịch vụ công – API";
            o.OpenApiRoutePattern = DocumentPath;
            o.DefaultFonts = false;
        }).AllowAnonymous();
        return app;
    }
}
