using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Portal.Core.Catalog;
using Portal.Core.Text;

namespace Portal.Core.Filing;

/// <summary>
/// The answers to a procedure's e-form, keyed by field. Built from raw input against the definition: only known
/// fields are kept, text is NFC-normalised, identifiers are cleaned, and fields hidden by their condition are dropped.
/// </summary>
public sealed class FormAnswers
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, string> _values;

    private FormAnswers(Dictionary<string, string> values) => _values = values;

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? Get(string key) => _values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    public static FormAnswers Parse(string? json) =>
        new(string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? []);

    public string ToJson() => JsonSerializer.Serialize(_values, Json);

    public static FormAnswers FromInput(IReadOnlyList<FormField> form, Func<string, string?> read)
    {
        var values = new Dictionary<string, string>();
        foreach (var field in form)
        {
            var raw = read(field.Key);
            // Far above any field's limit (the validator reports those): only bounds what a hostile post can store.
            if (raw is { Length: > 10_000 })
            {
                raw = raw[..10_000];
            }

            var clean = field.Type switch
            {
                FormFieldType.Checkbox => raw is "true" or "on" ? "true" : "false",
                FormFieldType.TextArea => VietnameseText.NormalizeMultiline(raw),
                FormFieldType.CitizenId => Identifiers.Digits(raw),
                FormFieldType.TaxCode => Identifiers.CleanTaxCode(raw),
                FormFieldType.Phone => Identifiers.CleanPhone(raw),
                FormFieldType.Email => VietnameseText.Normalize(raw).ToLowerInvariant(),
                _ => VietnameseText.Normalize(raw),
            };
            values[field.Key] = clean;
        }

        foreach (var field in form.Where(f => !IsVisible(f, values)))
        {
            values.Remove(field.Key);
        }

        return new FormAnswers(values);
    }

    public static bool IsVisible(FormField field, IReadOnlyDictionary<string, string> values) =>
        field.VisibleWhenField is null
        || (values.TryGetValue(field.VisibleWhenField, out var v) && string.Equals(v, field.VisibleWhenValue, StringComparison.Ordinal));

    /// <summary>How an answer reads on the check page and the receipt.</summary>
    public static string Display(FormField field, string? value) => field.Type switch
    {
        FormFieldType.Checkbox => value == "true" ? "Có / Yes" : "Không / No",
        FormFieldType.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ => value ?? "—",
    };
}

/// <summary>
/// The FluentValidation validator of one procedure's e-form, built from its definition: required and conditional
/// fields, types, lengths, options, and the identifier rules for CCCD, tax code, phone and email.
/// </summary>
public sealed class FormValidator : AbstractValidator<FormAnswers>
{
    private static readonly ConcurrentDictionary<string, FormValidator> Built = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds the rules of an e-form definition. Prefer <see cref="For"/>: building compiles an expression per rule, which
    /// cost several milliseconds of every submission (bench/load) when it was done per request.
    /// </summary>
    public FormValidator(IReadOnlyList<FormField> form)
    {
        foreach (var field in form)
        {
            var f = field;
            var label = $"\"{f.Label}\"";
            RuleFor(a => a.Get(f.Key))
                .Must(v => v is not null && (f.Type != FormFieldType.Checkbox || v == "true"))
                .When(a => f.Required && FormAnswers.IsVisible(f, a.Values))
                .WithMessage(f.Type == FormFieldType.Checkbox
                    ? $"Vui lòng đánh dấu {label}. / Please tick \"{f.LabelEn}\"."
                    : $"Vui lòng nhập {label}. / Please fill in \"{f.LabelEn}\".")
                .OverridePropertyName(f.Key);

            var max = f.MaxLength ?? (f.Type == FormFieldType.TextArea ? 2000 : 400);
            RuleFor(a => a.Get(f.Key))
                .Must(v => v is null || v.Length <= max)
                .WithMessage($"{label} dài tối đa {max} ký tự. / \"{f.LabelEn}\" takes at most {max} characters.")
                .OverridePropertyName(f.Key);

            (Func<string, bool> Check, string Message)? format = f.Type switch
            {
                FormFieldType.Number => (v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n >= 0,
                    $"{label} phải là số không âm, viết bằng chữ số (ví dụ 120 hoặc 12.5). / \"{f.LabelEn}\" must be a non-negative number."),
                FormFieldType.Date => (v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 1900 and <= 2100,
                    $"{label} phải là ngày hợp lệ (ngày/tháng/năm). / \"{f.LabelEn}\" must be a valid date."),
                FormFieldType.Select => (v => f.Options?.Contains(v) ?? false,
                    $"Vui lòng chọn {label} trong danh sách. / Choose \"{f.LabelEn}\" from the list."),
                FormFieldType.CitizenId => (v => Identifiers.IsCitizenId(v), $"{label}: {Identifiers.CitizenIdMessage}"),
                FormFieldType.TaxCode => (Identifiers.IsTaxCode, $"{label}: {Identifiers.TaxCodeMessage}"),
                FormFieldType.Phone => (Identifiers.IsMobilePhone, $"{label}: {Identifiers.PhoneMessage}"),
                FormFieldType.Email => (Identifiers.IsEmail, $"{label}: {Identifiers.EmailMessage}"),
                _ => null,
            };
            if (format is { } rule)
            {
                RuleFor(a => a.Get(f.Key)).Must(v => v is null || rule.Check(v)).WithMessage(rule.Message).OverridePropertyName(f.Key);
            }
        }
    }

    /// <summary>
    /// The validator of a form definition, built once per distinct definition and shared (FluentValidation validators are
    /// safe to share once built). Keyed by the definition's content, not by a version id, so hosts on different databases
    /// in one process never share a wrong one.
    /// </summary>
    public static FormValidator For(IReadOnlyList<FormField> form) =>
        Built.GetOrAdd(JsonSerializer.Serialize(form), _ => new FormValidator(form));
}
