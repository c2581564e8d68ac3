namespace Portal.Core.Catalog;

/// <summary>Mức độ: what can be done online.</summary>
public enum ServiceType : byte
{
    /// <summary>Toàn trình: filing, processing and result all online.</summary>
    FullOnline = 1,

    /// <summary>Một phần: something must still be shown or signed in person.</summary>
    PartialOnline = 2,

    /// <summary>Chỉ cung cấp thông tin: no online filing.</summary>
    InformationOnly = 3,
}

public enum DocumentForm : byte
{
    Original = 1,
    CertifiedCopy = 2,
    Copy = 3,
}

public enum FeeKind : byte
{
    /// <summary>One amount per dossier, whatever is asked for.</summary>
    Flat = 1,

    /// <summary>The amount for each copy requested (e.g. 8 000 đ per extract).</summary>
    PerCopy = 2,

    /// <summary>The amount for each page of each copy (chứng thực), optionally cheaper from a page on and capped per copy.</summary>
    PerPage = 3,
}

/// <summary>
/// A fee or charge (phí, lệ phí). A null <see cref="AmountVnd"/> means the amount is set by the province (HĐND) and is
/// asked for by the agency during processing. <see cref="CapVnd"/> and <see cref="MinimumVnd"/> bound the charge for
/// one copy of a per-page fee, and the whole charge otherwise.
/// </summary>
public sealed record Fee(
    string Name,
    long? AmountVnd,
    string? Note,
    FeeKind Kind = FeeKind.Flat,
    long? CapVnd = null,
    long? MinimumVnd = null,
    int? LaterPagesFrom = null,
    long? LaterPageVnd = null)
{
    /// <summary>
    /// What the applicant owes for <paramref name="copies"/> copies of <paramref name="pages"/> pages each, or null when the
    /// province sets the amount. No copy asked for costs nothing per copy or per page; a flat fee ignores both.
    /// </summary>
    public long? AmountFor(int copies = 1, int pages = 1)
    {
        if (AmountVnd is not { } amount)
        {
            return null;
        }

        copies = Math.Max(0, copies);
        pages = Math.Max(1, pages);
        return Kind switch
        {
            FeeKind.PerCopy => copies == 0 ? 0 : Bound(amount * copies),
            FeeKind.PerPage => copies * Bound(PageCharge(amount, pages)),
            _ => Bound(amount),
        };
    }

    private long PageCharge(long amount, int pages) => LaterPagesFrom is { } from && LaterPageVnd is { } later && pages >= from
        ? (amount * (from - 1)) + (later * (pages - from + 1))
        : amount * pages;

    private long Bound(long value)
    {
        if (CapVnd is { } cap && value > cap)
        {
            value = cap;
        }

        return MinimumVnd is { } minimum && value < minimum ? minimum : value;
    }
}

/// <summary>A required document (thành phần hồ sơ). <see cref="AllowDocx"/> lets the applicant upload an editable form.</summary>
public sealed record RequiredDocument(string Name, DocumentForm Form, int Count, bool Mandatory, string? TemplateUrl = null, bool AllowDocx = false);

public enum FormFieldType : byte
{
    Text = 1,
    Number = 2,
    Date = 3,
    Select = 4,
    Checkbox = 5,
    TextArea = 6,
    Address = 7,
    CitizenId = 8,
    TaxCode = 9,
    Phone = 10,
    Email = 11,
}

/// <summary>
/// One field of a procedure's e-form. <see cref="VisibleWhenField"/>/<see cref="VisibleWhenValue"/> make it
/// conditional: shown (and required, if <see cref="Required"/>) only when that other field has that value.
/// </summary>
public sealed record FormField(
    string Key,
    string Label,
    string LabelEn,
    FormFieldType Type,
    bool Required,
    IReadOnlyList<string>? Options = null,
    string? VisibleWhenField = null,
    string? VisibleWhenValue = null,
    int? MaxLength = null,
    string? Hint = null,
    decimal? Min = null,
    decimal? Max = null,
    DateOnly? MinDate = null,
    DateOnly? MaxDate = null);

public enum FormRuleKind : byte
{
    /// <summary>A date field is today or earlier (a birth, an event that happened).</summary>
    NotInFuture = 1,

    /// <summary>A date field is today or later (a planned date).</summary>
    NotInPast = 2,

    /// <summary>A number or date field lies within <see cref="FormRule.Min"/>..<see cref="FormRule.Max"/> (inclusive).</summary>
    Range = 3,

    /// <summary>Field A is strictly before (less than) field B: two dates or two numbers.</summary>
    Before = 4,

    /// <summary>Field A is before or equal to field B.</summary>
    NotAfter = 5,
}

/// <summary>
/// A rule of an e-form over its answers, checked beside the fields' own rules. A rule whose fields are not answered
/// (hidden, or optional and empty) holds. <see cref="Min"/>/<see cref="Max"/> are numbers, or dates written yyyy-MM-dd.
/// </summary>
public sealed record FormRule(
    FormRuleKind Kind,
    string Field,
    string? Other = null,
    string? Min = null,
    string? Max = null,
    string? Message = null,
    string? MessageEn = null);

/// <summary>
/// A processing step inside status 4: who does it and how much working time it may take. A step with an
/// <see cref="AgencyCode"/> is a hand-off to another agency (liên thông) with that agency's own budget.
/// </summary>
public sealed record ProcessingStep(string Name, string Role, int WorkingHours, string? AgencyCode = null);


