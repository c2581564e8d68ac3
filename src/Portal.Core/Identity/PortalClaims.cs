using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Core.Dossiers;

namespace Portal.Core.Identity;

/// <summary>Adds the official's agency and the person's full name to the sign-in cookie.</summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<PortalRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, PortalRole>(users, roles, options)
{
    public const string AgencyClaim = "portal:agency";
    public const string FullNameClaim = "portal:fullname";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(FullNameClaim, user.FullName));
        if (user.AgencyId is { } agency)
        {
            identity.AddClaim(new Claim(AgencyClaim, agency.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}

public static class PortalPrincipal
{
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static int? AgencyId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(PortalClaimsFactory.AgencyClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string FullName(this ClaimsPrincipal user) =>
        user.FindFirstValue(PortalClaimsFactory.FullNameClaim) ?? user.Identity?.Name ?? string.Empty;

    /// <summary>The actor recorded in a dossier's history for this user acting in <paramref name="role"/>.</summary>
    public static Actor ToActor(this ClaimsPrincipal user, string role) => new(user.UserId(), user.FullName(), role);
}
