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

    /// <summary>
    /// Adds the next version. A published version takes effect on its <see cref="ProcedureVersion.EffectiveFrom"/>
    /// (see <see cref="VersionInForce"/>); a draft waits for <see cref="ProcedureVersion.Publish"/>.
    /// <paramref name="definitionHash"/> identifies the catalogue definition it came from (<see cref="CatalogueFile.Hash"/>).
    /// </summary>
    public ProcedureVersion AddVersion(ProcedureVersionFacts facts, string? definitionHash = null, bool draft = false)
    {
        var number = Versions.Count == 0 ? 1 : Versions.Max(v => v.Number) + 1;
        var version = new ProcedureVersion(this, number, facts, definitionHash, draft ? ProcedureVersionState.Draft : ProcedureVersionState.Published);
        Versions.Add(version);
        return version;
    }

    /// <summary>
    /// The version in force on a local date: of the published versions whose effective date has come, the latest
    /// (highest number). Filing uses it; a dossier keeps the version it was started on. Needs <see cref="Versions"/> loaded.
    /// </summary>
    public ProcedureVersion? VersionInForce(DateOnly today) =>
        Versions.Where(v => v.State == ProcedureVersionState.Published && v.EffectiveFrom <= today).MaxBy(v => v.Number);

    /// <summary>
    /// Points <see cref="CurrentVersion"/> (what lists and pages show) at the version in force; true when it moved.
    /// Needs <see cref="Versions"/> loaded and saved (ids assigned).
    /// </summary>
    public bool RefreshVersionInForce(DateOnly today)
    {
        var inForce = VersionInForce(today);
        if (inForce is null || inForce.Id == CurrentVersionId)
        {
            return false;
        }

        MakeCurrent(inForce);
        return true;
    }

    /// <summary>Shows this version in lists and pages; the procedure takes its name.</summary>
    public void MakeCurrent(ProcedureVersion version)
    {
        CurrentVersion = version;
        CurrentVersionId = version.Id == 0 ? null : version.Id;
        Name = version.Name;
        NameKey = Text.VietnameseText.SearchKey(version.Name);
    }

    /// <summary>Offers the procedure at an agency; false when it is offered there already.</summary>
    public bool OfferAt(int agencyId)
    {
        if (Agencies.Any(a => a.AgencyId == agencyId))
        {
            return false;
        }

        Agencies.Add(new ProcedureAgency(agencyId));
        return true;
    }

    public void Publish(bool published) => IsPublished = published;

    /// <summary>The version being prepared in the administration, if any (at most one).</summary>
    public ProcedureVersion? Draft => Versions.SingleOrDefault(v => v.State == ProcedureVersionState.Draft);

    /// <summary>Drops the draft; a procedure that was never published has nothing left and is removed by the caller.</summary>
    public ProcedureVersion? RemoveDraft()
    {
        var draft = Draft;
        if (draft is not null)
        {
            Versions.Remove(draft);
        }

        return draft;
    }

    /// <summary>Stops offering the procedure at an agency (dossiers already filed there keep it); false when it was not offered.</summary>
    public bool WithdrawFrom(int agencyId) => Agencies.RemoveAll(a => a.AgencyId == agencyId) > 0;
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
    string? Source,
    IReadOnlyList<FormRule>? FormRules = null,
    string? AgencyDescription = null);

public enum ProcedureVersionState : byte
{
    /// <summary>Being prepared; never in force.</summary>
    Draft = 1,

    /// <summary>In force from its effective date, until a later published version takes effect.</summary>
    Published = 2,
}

public sealed class ProcedureVersion
{
    private ProcedureVersion()
    {
        Name = ResultDescription = string.Empty;
    }

    internal ProcedureVersion(Procedure procedure, int number, ProcedureVersionFacts facts, string? definitionHash, ProcedureVersionState state)
    {
        Procedure = procedure;
        Number = number;
        DefinitionHash = definitionHash;
        State = state;
        Apply(facts);
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Name), nameof(ResultDescription))]
    private void Apply(ProcedureVersionFacts facts)
    {
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
        FormRules = [.. facts.FormRules ?? []];
        AgencyDescription = facts.AgencyDescription;
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

    /// <summary>Rules over several answers of <see cref="Form"/> (a date not in the future, A before B, a range).</summary>
    public List<FormRule> FormRules { get; private set; } = [];

    /// <summary>Which agency does it, as the catalogue words it (e.g. "Ủy ban nhân dân cấp xã").</summary>
    public string? AgencyDescription { get; private set; }

    /// <summary>SHA-256 of the catalogue definition this version was made from; the sync adds no version for a hash it has.</summary>
    public string? DefinitionHash { get; private set; }

    public ProcedureVersionState State { get; private set; } = ProcedureVersionState.Published;

    public void Publish() => State = ProcedureVersionState.Published;

    /// <summary>Replaces what a draft says (the administration's editor saves it again and again until it is published).</summary>
    public void Revise(ProcedureVersionFacts facts, string definitionHash)
    {
        if (State != ProcedureVersionState.Draft)
        {
            throw new InvalidOperationException("Only a draft can be revised; a published version is changed by a new version.");
        }

        Apply(facts);
        DefinitionHash = definitionHash;
    }

    /// <summary>Publishes a draft, in force from <paramref name="effectiveFrom"/>; the hash is that of the definition with this date.</summary>
    public void PublishOn(DateOnly effectiveFrom, Func<ProcedureVersion, string> hash)
    {
        if (State != ProcedureVersionState.Draft)
        {
            throw new InvalidOperationException("Only a draft is published.");
        }

        EffectiveFrom = effectiveFrom;
        State = ProcedureVersionState.Published;
        DefinitionHash = hash(this);
    }

    /// <summary>Records the definition an existing version already matches (versions made before the catalogue sync).</summary>
    public void StampDefinition(string hash) => DefinitionHash = hash;

    public bool HasFees => Fees.Any(f => f.AmountVnd is > 0);

    public ProcedureVersionFacts ToFacts() => new(Name, EffectiveFrom, ServiceType, TimeLimit, TimeLimitNote, Fees, Documents,
        ResultIsDocument, ResultDescription, LegalBasis, Form, Steps, ApplicantTypes, Caveat, Source, FormRules, AgencyDescription);
}
