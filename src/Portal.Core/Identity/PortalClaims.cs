using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Identity;

/// <summary>Adds the official's agency (with those merged into it) and the person's full name to the sign-in cookie.</summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<PortalRole> roles, IOptions<IdentityOptions> options, PortalDb db)
    : UserClaimsPrincipalFactory<PortalUser, PortalRole>(users, roles, options)
{
    public const string AgencyClaim = "portal:agency";

    /// <summary>One per agency merged into the official's own (<see cref="AgencySuccession.ActsFor"/>): whose dossiers they also work.</summary>
    public const string ActsForClaim = "portal:actsfor";
    public const string FullNameClaim = "portal:fullname";

    /// <summary>Present while the account must choose a new password (<see cref="PortalUser.MustChangePassword"/>).</summary>
    public const string MustChangePasswordClaim = "portal:mustchangepassword";

    /// <summary>Present when two-step verification is on for the account.</summary>
    public const string TwoFactorClaim = "portal:2fa";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(FullNameClaim, user.FullName));
        if (user.AgencyId is { } agency)
        {
            identity.AddClaim(new Claim(AgencyClaim, agency.ToString(CultureInfo.InvariantCulture)));
            // Read at sign-in and at every session check (Identity:SessionCheckInterval), so a merger reaches
            // the successor's officials already signed in within that interval.
            foreach (var merged in (await AgencySuccession.LoadAsync(db, CancellationToken.None)).ActsFor(agency).Where(a => a != agency).Order())
            {
                identity.AddClaim(new Claim(ActsForClaim, merged.ToString(CultureInfo.InvariantCulture)));
            }
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "1"));
        }

        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactorClaim, "1"));
        }

        return identity;
    }
}

public static class PortalPrincipal
{
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The name the header greets: the person's full name, the sign-in name when an account has none.</summary>
    public static string? DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(PortalClaimsFactory.FullNameClaim) is { Length: > 0 } name ? name : user.Identity?.Name;

    public static int? AgencyId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(PortalClaimsFactory.AgencyClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The agencies whose dossiers the user works: their own and those merged into it (empty without an agency).</summary>
    public static IReadOnlySet<int> ActsForAgencies(this ClaimsPrincipal user)
    {
        var set = new HashSet<int>();
        if (user.AgencyId() is not { } own)
        {
            return set;
        }

        set.Add(own);
        foreach (var claim in user.FindAll(PortalClaimsFactory.ActsForClaim))
        {
            if (int.TryParse(claim.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                set.Add(id);
            }
        }

        return set;
    }

    public static string FullName(this ClaimsPrincipal user) =>
        user.FindFirstValue(PortalClaimsFactory.FullNameClaim) ?? user.Identity?.Name ?? string.Empty;

    public static bool MustChangePassword(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == PortalClaimsFactory.MustChangePasswordClaim);

    public static bool HasTwoFactor(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == PortalClaimsFactory.TwoFactorClaim);

    /// <summary>Officials, leaders and administrators (<see cref="Roles.Staff"/>): the accounts that must use two-step verification.</summary>
    public static bool IsStaff(this ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);

    /// <summary>The actor recorded in a dossier's history for this user acting in <paramref name="role"/>.</summary>
    public static Actor ToActor(this ClaimsPrincipal user, string role) => new(user.UserId(), user.FullName(), role);
}
