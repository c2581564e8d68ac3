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

public sealed record Fee(string Name, long? AmountVnd, string? Note);

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
    string? Hint = null);

/// <summary>
/// A processing step inside status 4: who does it and how much working time it may take. A step with an
/// <see cref="AgencyCode"/> is a hand-off to another agency (liên thông) with that agency's own budget.
/// </summary>
public sealed record ProcessingStep(string Name, string Role, int WorkingHours, string? AgencyCode = null);


