using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Core.Identity;

/// <summary>
/// Identity's sign-in with the portal's one extra rule: a deactivated account neither signs in (password, code or
/// external login) nor keeps a session: its cookie fails the security-stamp check even if the stamp were unchanged.
/// </summary>
public sealed class PortalSignInManager(UserManager<PortalUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<PortalUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<PortalUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<PortalUser> confirmation)
    : SignInManager<PortalUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PortalUser user) => !user.IsDeactivated && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(PortalUser? user, string? securityStamp) =>
        user is { IsDeactivated: false } && await base.ValidateSecurityStampAsync(user, securityStamp);

    public override async Task<PortalUser?> ValidateTwoFactorSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateTwoFactorSecurityStampAsync(principal);
        return user is { IsDeactivated: false } ? user : null;
    }
}

/// <summary>Section "Identity": the portal's own sign-in rules for staff.</summary>
public sealed class StaffSignInOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// Officials, leaders and administrators must have two-step verification on before any staff page. Unset: on,
    /// except in the Development and Testing environments (the demo and the tests sign in with a password only).
    /// </summary>
    public bool? RequireTwoFactorForStaff { get; set; }

    /// <summary>
    /// How often a session's cookie is checked against the account (security stamp, deactivation, roles): the longest
    /// a deactivated official or a removed role keeps working in a browser already signed in. Identity's default is 30 minutes.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A session without a request for this long ends (ASVS 3.3.2, level 2: 30 minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after its sign-in however busy it is (ASVS 3.3.2, level 2: 12 hours).</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Leaves out the per-request security-stamp read (sessions then end only at <see cref="SessionCheckInterval"/>), so
    /// that bench/load/session-ab.sh can measure what that read costs. Only the Benchmark environment accepts it.
    /// </summary>
    public bool SkipPerRequestStampCheck { get; set; }

    public bool TwoFactorRequired(string environment) =>
        RequireTwoFactorForStaff ?? !(environment is "Development" or "Testing");
}
