using System.Security.Claims;
using Portal.Core.Audit;
using Portal.Core.Dossiers;
using Portal.Core.Identity;

namespace Portal.Core.Processing;

/// <summary>The official acting (or the leader, the administrator looking): account, roles, agency and address.</summary>
public sealed record OfficialContext(Guid UserId, string Name, IReadOnlySet<string> Roles, int? AgencyId, string? IpAddress)
{
    /// <summary>
    /// The agencies whose dossiers the official works: their own and those merged into it (<see cref="Catalog.AgencySuccession"/>,
    /// carried by the sign-in). Every "is this my agency's?" question about a dossier or a step asks <see cref="ActsFor"/>.
    /// </summary>
    public IReadOnlySet<int> Agencies { get; init; } = AgencyId is { } own ? new HashSet<int> { own } : new HashSet<int>();

    public static OfficialContext From(ClaimsPrincipal user, string? ipAddress) => new(
        user.UserId() ?? throw new InvalidOperationException("An authenticated user is required."),
        user.FullName(),
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.AgencyId(),
        ipAddress)
    {
        Agencies = user.ActsForAgencies(),
    };

    public bool Has(string role) => Roles.Contains(role);

    /// <summary>The official works this agency's dossiers and steps: it is theirs, or merged into theirs.</summary>
    public bool ActsFor(int agencyId) => Agencies.Contains(agencyId);

    public bool IsOfficial => Has(Dossiers.Roles.Reception) || Has(Dossiers.Roles.Handler) || Has(Dossiers.Roles.Approver);

    public Actor As(string role) => new(UserId, Name, role);

    public AuditActor Audit => new(UserId, Name, string.Join(',', Roles.Order(StringComparer.Ordinal)), AgencyId, IpAddress);

    /// <summary>Refuses (403) unless the official holds the role.</summary>
    public void Require(string role, string actionVi, string actionEn)
    {
        if (!Has(role))
        {
            throw new ActionNotPermittedException(
                $"Chỉ {Dossiers.Roles.Vietnamese(role).ToLowerInvariant()} được {actionVi}.",
                $"Only the {role} role may {actionEn}.");
        }
    }
}

/// <summary>The dossier does not exist for this person: absent, someone else's, another agency's (the web layer answers 404).</summary>
public sealed class DossierNotFoundException() : Exception("Dossier not found for this user.");

/// <summary>The person may see the dossier but their role may not do this action (the web layer answers 403).</summary>
public sealed class ActionNotPermittedException(string vietnamese, string english) : Exception(vietnamese)
{
    public string Vietnamese => Message;
    public string English { get; } = english;
}
