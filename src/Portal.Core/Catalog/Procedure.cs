using Portal.Core.Calendar;

namespace Portal.Core.Catalog;

/// <summary>
/// An administrative procedure (thủ tục hành chính) of the catalogue. Its facts live in versions: the law
/// changes them on an effective date, and a dossier stays bound to the version it was filed under.
/// </summary>
public sealed class Procedure
{
    private Procedure()
    {
        Code = Name = NameKey = string.Empty;
    }

    public Procedure(string code, string name, int sectorId, AgencyLevel level)
    {
        Code = code;
        Name = name;
        NameKey = Text.VietnameseText.SearchKey(name);
        SectorId = sectorId;
        Level = level;
    }

    public int Id { get; private set; }

    /// <summary>The national code (mã TTHC), e.g. <c>1.001193</c>.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>Name folded for diacritics-insensitive search.</summary>
    public string NameKey { get; private set; }

    public int SectorId { get; private set; }
    public Sector? Sector { get; private set; }
    public AgencyLevel Level { get; private set; }
    public bool IsPublished { get; private set; } = true;

    /// <summary>The version in force today; set when a version takes effect.</summary>
    public int? CurrentVersionId { get; private set; }

    public ProcedureVersion? CurrentVersion { get; private set; }
    public List<ProcedureVersion> Versions { get; private set; } = [];

    /// <summary>The agencies that take in this procedure's dossiers (every commune, for a commune procedure).</summary>
    public List<ProcedureAgency> Agencies { get; private set; } = [];

    public ProcedureVersion AddVersion(ProcedureVersionFacts facts)
    {
        var number = Versions.Count == 0 ? 1 : Versions.Max(v => v.Number) + 1;
        var version = new ProcedureVersion(this, number, facts);
        Versions.Add(version);
        Name = facts.Name;
        NameKey = Text.VietnameseText.SearchKey(facts.Name);
        return version;
    }

    public void MakeCurrent(ProcedureVersion version)
    {
        CurrentVersion = version;
        CurrentVersionId = version.Id == 0 ? null : version.Id;
    }

    public void OfferAt(int agencyId)
    {
        if (Agencies.All(a => a.AgencyId != agencyId))
        {
            Agencies.Add(new ProcedureAgency(agencyId));
        }
    }

    public void Publish(bool published) => IsPublished = published;
}

public sealed class ProcedureAgency
{
    private ProcedureAgency()
    {
    }

    internal ProcedureAgency(int agencyId)
    {
        AgencyId = agencyId;
    }

    internal ProcedureAgency(int procedureId, int agencyId)
    {
        ProcedureId = procedureId;
        AgencyId = agencyId;
    }

    public int ProcedureId { get; private set; }
    public int AgencyId { get; private set; }
    public Agency? Agency { get; private set; }
}

/// <summary>Everything a version says, as one value, so that a new version is a copy with changes.</summary>
public sealed record ProcedureVersionFacts(
    string Name,
    DateOnly EffectiveFrom,
    ServiceType ServiceType,
    TimeLimit TimeLimit,
    string? TimeLimitNote,
    IReadOnlyList<Fee> Fees,
    IReadOnlyList<RequiredDocument> Documents,
    bool ResultIsDocument,
    string ResultDescription,
    IReadOnlyList<string> LegalBasis,
    IReadOnlyList<FormField> Form,
    IReadOnlyList<ProcessingStep> Steps,
    string? ApplicantTypes,
    string? Caveat,
    string? Source);

public sealed class ProcedureVersion
{
    private ProcedureVersion()
    {
        Name = ResultDescription = string.Empty;
    }

    internal ProcedureVersion(Procedure procedure, int number, ProcedureVersionFacts facts)
    {
        Procedure = procedure;
        Number = number;
        Name = facts.Name;
        EffectiveFrom = facts.EffectiveFrom;
        ServiceType = facts.ServiceType;
        TimeLimit = facts.TimeLimit;
        TimeLimitNote = facts.TimeLimitNote;
        Fees = [.. facts.Fees];
        Documents = [.. facts.Documents];
        ResultIsDocument = facts.ResultIsDocument;
        ResultDescription = facts.ResultDescription;
        LegalBasis = [.. facts.LegalBasis];
        Form = [.. facts.Form];
        Steps = [.. facts.Steps];
        ApplicantTypes = facts.ApplicantTypes;
        Caveat = facts.Caveat;
        Source = facts.Source;
    }

    public int Id { get; private set; }
    public int ProcedureId { get; private set; }
    public Procedure? Procedure { get; private set; }
    public int Number { get; private set; }
    public string Name { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public ServiceType ServiceType { get; private set; }
    public TimeLimit TimeLimit { get; private set; }
    public string? TimeLimitNote { get; private set; }
    public List<Fee> Fees { get; private set; } = [];
    public List<RequiredDocument> Documents { get; private set; } = [];
    public bool ResultIsDocument { get; private set; }
    public string ResultDescription { get; private set; }
    public List<string> LegalBasis { get; private set; } = [];
    public List<FormField> Form { get; private set; } = [];
    public List<ProcessingStep> Steps { get; private set; } = [];
    public string? ApplicantTypes { get; private set; }

    /// <summary>What is uncertain about these facts (shown to administrators until checked).</summary>
    public string? Caveat { get; private set; }

    public string? Source { get; private set; }

    public bool HasFees => Fees.Any(f => f.AmountVnd is > 0);

    public ProcedureVersionFacts ToFacts() => new(Name, EffectiveFrom, ServiceType, TimeLimit, TimeLimitNote, Fees, Documents,
        ResultIsDocument, ResultDescription, LegalBasis, Form, Steps, ApplicantTypes, Caveat, Source);
}
