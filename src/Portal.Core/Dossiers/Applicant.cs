namespace Portal.Core.Dossiers;

public enum ApplicantKind : byte
{
    Person = 1,
    Business = 2,
}

/// <summary>
/// The applicant as the dossier records them: an account's profile at filing time, or a walk-in person
/// entered at the desk. <see cref="IdNumber"/> is the CCCD of a person or the tax code of a business.
/// </summary>
public sealed record Applicant(
    ApplicantKind Kind,
    string FullName,
    string? IdNumber,
    string? Phone,
    string? Email,
    string? Address)
{
    /// <summary>Initials only ("N. V. A."): what the public lookup page may show.</summary>
    public string Initials => string.Join(' ', FullName
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(w => char.ToUpperInvariant(w[0]) + "."));
}
