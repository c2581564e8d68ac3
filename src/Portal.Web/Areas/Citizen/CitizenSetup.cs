using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Portal.Core.Filing;
using Portal.Core.Payments;

using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Citizen;

/// <summary>Section "Authentication:OpenIdConnect": an external identity provider (the way VNeID works), off by default.</summary>
public sealed class ExternalLoginOptions
{
    public const string Section = "Authentication:OpenIdConnect";
    public const string Scheme = "oidc";

    public bool Enabled { get; set; }
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string DisplayName { get; set; } = "VNeID";
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>
    /// The claim that carries the person's CCCD, if the provider sends it: the one identifier on which a provider's
    /// person is linked to an existing account (<see cref="ExternalAccountLinker"/>), never the email.
    /// </summary>
    public string CitizenIdClaim { get; set; } = "citizen_id";

    /// <summary>
    /// Officials, leaders and administrators may sign in through the provider (and be linked to it); off by default.
    /// Even then only with two-step verification on, which is asked for after the provider as after a password.
    /// </summary>
    public bool AllowStaff { get; set; }

    public string[] Scopes { get; set; } = ["openid", "profile", "email"];
}

public static class CitizenSetup
{
    /// <summary>Accounts (confirmed email, external login), filing and payments.</summary>
    public static IServiceCollection AddCitizenPortal(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddFiling(configuration, environment.IsDevelopment());
        if (!services.Any(d => d.ServiceType == typeof(SandboxPaymentGateway)))
        {
            // Without the sandbox its pages do not exist (404), not merely refuse.
            services.AddMvcCore().ConfigureApplicationPartManager(m => m.FeatureProviders.Add(new WithoutController(typeof(Controllers.SandboxGatewayController))));
        }

        services.AddSingleton<LocalClock>();
        services.AddSingleton<IValidator<Portal.Web.Controllers.RegisterInput>, Portal.Web.Controllers.RegisterValidator>();
        services.AddSingleton<IValidator<Portal.Web.Controllers.ProfileInput>, Portal.Web.Controllers.ProfileValidator>();
        services.Configure<IdentityOptions>(o => o.SignIn.RequireConfirmedEmail = true);
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(2));
        services.AddHttpClient(Controllers.SandboxGatewayController.CallbackClient, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<ExternalAccountLinker>();

        var external = configuration.GetSection(ExternalLoginOptions.Section).Get<ExternalLoginOptions>() ?? new ExternalLoginOptions();
        services.Configure<ExternalLoginOptions>(configuration.GetSection(ExternalLoginOptions.Section));
        if (external.Enabled)
        {
            services.AddAuthentication().AddOpenIdConnect(ExternalLoginOptions.Scheme, external.DisplayName, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Authority = external.Authority;
                o.ClientId = external.ClientId;
                o.ClientSecret = external.ClientSecret;
                o.CallbackPath = external.CallbackPath;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                // The CCCD and whether the email is verified, when the provider sends them from its userinfo endpoint
                // rather than in the id_token (claims of the id_token are kept as they are).
                o.ClaimActions.MapUniqueJsonKey(external.CitizenIdClaim, external.CitizenIdClaim);
                o.ClaimActions.MapUniqueJsonKey(ExternalPerson.EmailVerifiedClaim, ExternalPerson.EmailVerifiedClaim);
                o.Scope.Clear();
                foreach (var scope in external.Scopes)
                {
                    o.Scope.Add(scope);
                }
            });
        }

        return services;
    }

    /// <summary>Copies FluentValidation's errors into ModelState (FluentValidation.AspNetCore is deprecated).</summary>
    public static void AddErrors(this ModelStateDictionary state, ValidationResult result, string prefix = "")
    {
        foreach (var error in result.Errors)
        {
            state.AddModelError(prefix + error.PropertyName, Bilingual.Pick(error.ErrorMessage));
        }
    }
}

/// <summary>Leaves a controller out of the application (runs after MVC's own provider has found it).</summary>
internal sealed class WithoutController(Type controller) : IApplicationFeatureProvider<ControllerFeature>
{
    public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature)
    {
        var found = feature.Controllers.FirstOrDefault(c => c.AsType() == controller);
        if (found is not null)
        {
            feature.Controllers.Remove(found);
        }
    }
}

/// <summary>Times as the citizen reads them: local time of the working calendar's zone.</summary>
public sealed class LocalClock(Microsoft.Extensions.Options.IOptions<Portal.Core.Calendar.WorkingTimeOptions> options)
{
    private readonly TimeZoneInfo _zone = options.Value.ResolveTimeZone();

    public string At(DateTime? utc) => utc is { } v
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(v, DateTimeKind.Utc), _zone).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)
        : "—";

    public string Day(DateTime? utc) => utc is { } v
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(v, DateTimeKind.Utc), _zone).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)
        : "—";
}
