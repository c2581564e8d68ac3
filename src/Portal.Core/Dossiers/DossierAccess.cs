using System.Security.Claims;
using Portal.Core.Identity;

namespace Portal.Core.Dossiers;

/// <summary>
/// Who may see a dossier and its documents. Anyone else gets 404 from the web layer, never 403: the existence of
/// someone else's dossier is itself personal data.
/// </summary>
public static class DossierAccess
{
    /// <param name="handOffAgencyIds">Agencies that hold a step of this dossier (liên thông), if any.</param>
    public static bool CanView(ClaimsPrincipal user, Dossier dossier, IReadOnlyCollection<int>? handOffAgencyIds = null) =>
        CanView(user, dossier.AgencyId, dossier.ApplicantUserId, handOffAgencyIds);

    public static bool CanView(ClaimsPrincipal user, int agencyId, Guid? applicantUserId, IReadOnlyCollection<int>? handOffAgencyIds = null)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        if (applicantUserId is { } applicant && user.UserId() == applicant && user.IsInRole(Roles.Citizen))
        {
            return true;
        }

        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }

        // Their own agency and those merged into it (Catalog.AgencySuccession, carried by the sign-in).
        var actsFor = user.ActsForAgencies();
        if (user.IsInRole(Roles.Leader) && (actsFor.Count == 0 || actsFor.Contains(agencyId)))
        {
            return true;
        }

        var official = user.IsInRole(Roles.Reception) || user.IsInRole(Roles.Handler) || user.IsInRole(Roles.Approver);
        return official && (actsFor.Contains(agencyId) || handOffAgencyIds?.Any(actsFor.Contains) == true);
    }
}
