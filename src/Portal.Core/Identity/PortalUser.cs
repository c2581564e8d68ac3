using Microsoft.AspNetCore.Identity;
using Portal.Core.Dossiers;

namespace Portal.Core.Identity;

/// <summary>
/// An account: a citizen or business (profile that prefills every form) or an official scoped to one agency.
/// </summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public string FullName { get; set; } = string.Empty;
    public ApplicantKind Kind { get; set; } = ApplicantKind.Person;

    /// <summary>CCCD (12 digits) of a person.</summary>
    public string? CitizenId { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    /// <summary>Mã số thuế of a business.</summary>
    public string? TaxCode { get; set; }

    public string? BusinessName { get; set; }
    public string? Representative { get; set; }
    public string? Address { get; set; }

    /// <summary>The agency of an official; null for citizens and province-wide roles.</summary>
    public int? AgencyId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Set when an administrator (or the agency's leader) deactivates the account: it cannot sign in, and its sessions
    /// end at their next security-stamp check. Kept apart from the lockout, which is the temporary one after failed sign-ins.
    /// </summary>
    public DateTime? DeactivatedAt { get; set; }

    /// <summary>After signing in, the person must choose a new password before reaching any other page.</summary>
    public bool MustChangePassword { get; set; }

    public bool IsDeactivated => DeactivatedAt is not null;

    public Applicant ToApplicant() => Kind == ApplicantKind.Business
        ? new Applicant(ApplicantKind.Business, BusinessName ?? FullName, TaxCode, PhoneNumber, Email, Address)
        : new Applicant(ApplicantKind.Person, FullName, CitizenId, PhoneNumber, Email, Address);

    public Actor ToActor(string role) => new(Id, FullName, role);
}

public sealed class PortalRole : IdentityRole<Guid>
{
    public PortalRole()
    {
    }

    public PortalRole(string name)
        : base(name)
    {
        Id = Guid.NewGuid();
        NormalizedName = name.ToUpperInvariant();
    }
}
