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

    /// <summary>The e-form field that says how many copies are asked for: a per-copy fee counts it (DossierFees).</summary>
    public const string CopiesKey = "copies";

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
/// fields, types, lengths, options, minimum and maximum, the identifier rules for CCCD, tax code, phone and email, and
/// the form's cross-field rules (<see cref="FormRule"/>). Rules about today hold only when the caller says what today is
/// (<see cref="Check"/>): a validator is shared across requests and days.
/// </summary>
public sealed class FormValidator : AbstractValidator<FormAnswers>
{
    private const string TodayKey = "today";
    private static readonly ConcurrentDictionary<string, FormValidator> Built = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds the rules of an e-form definition. Prefer <see cref="For(ProcedureVersion)"/>: building compiles an expression per rule, which
    /// cost several milliseconds of every submission (bench/load) when it was done per request.
    /// </summary>
    public FormValidator(IReadOnlyList<FormField> form, IReadOnlyList<FormRule>? rules = null)
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

            if (f.Key == FormAnswers.CopiesKey && f.Type == FormFieldType.Number)
            {
                // The fee is priced by it (DossierFees): copies are counted whole; the bounds below say how many may be asked.
                RuleFor(a => a.Get(f.Key))
                    .Must(v => v is null || !decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) || n == decimal.Truncate(n))
                    .WithMessage($"Nhập {label} là một số nguyên, ví dụ 2. / Enter \"{f.LabelEn}\" as a whole number, e.g. 2.")
                    .OverridePropertyName(f.Key);
            }

            if (f.Min is not null || f.Max is not null || f.MinDate is not null || f.MaxDate is not null)
            {
                var bounds = f.Type == FormFieldType.Date
                    ? Between(f.MinDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), f.MaxDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))
                    : Between(f.Min?.ToString(CultureInfo.InvariantCulture), f.Max?.ToString(CultureInfo.InvariantCulture));
                RuleFor(a => a.Get(f.Key))
                    .Must(v => v is null
                        || (Compare(f, v, f.MinDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? f.Min?.ToString(CultureInfo.InvariantCulture)) is null or >= 0
                            && Compare(f, v, f.MaxDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? f.Max?.ToString(CultureInfo.InvariantCulture)) is null or <= 0))
                    .WithMessage($"{label} phải {bounds.Vi}. / \"{f.LabelEn}\" must be {bounds.En}.")
                    .OverridePropertyName(f.Key);
            }
        }

        foreach (var rule in rules ?? [])
        {
            AddRule(form, rule);
        }
    }

    /// <summary>Validates answers on a local date: the rules "not in the future" and "not in the past" compare with it.</summary>
    public FluentValidation.Results.ValidationResult Check(FormAnswers answers, DateOnly today) => Validate(Context(answers, today));

    public Task<FluentValidation.Results.ValidationResult> CheckAsync(FormAnswers answers, DateOnly today, CancellationToken ct) => ValidateAsync(Context(answers, today), ct);

    private static ValidationContext<FormAnswers> Context(FormAnswers answers, DateOnly today)
    {
        var context = new ValidationContext<FormAnswers>(answers);
        context.RootContextData[TodayKey] = today;
        return context;
    }

    private void AddRule(IReadOnlyList<FormField> form, FormRule rule)
    {
        var field = form.FirstOrDefault(f => f.Key == rule.Field);
        if (field is null)
        {
            return;
        }

        var other = rule.Other is null ? null : form.FirstOrDefault(f => f.Key == rule.Other);
        var label = $"\"{field.Label}\"";
        var labelEn = $"\"{field.LabelEn}\"";
        (Func<FormAnswers, string, ValidationContext<FormAnswers>, bool> Holds, string Vi, string En) check = rule.Kind switch
        {
            FormRuleKind.NotInFuture => ((_, v, c) => Today(c) is not { } today || Compare(field, v, Iso(today)) is null or <= 0,
                $"{label} không được sau ngày hôm nay", $"{labelEn} cannot be after today"),
            FormRuleKind.NotInPast => ((_, v, c) => Today(c) is not { } today || Compare(field, v, Iso(today)) is null or >= 0,
                $"{label} không được trước ngày hôm nay", $"{labelEn} cannot be before today"),
            FormRuleKind.Range => ((_, v, _) => Compare(field, v, rule.Min) is null or >= 0 && Compare(field, v, rule.Max) is null or <= 0,
                $"{label} phải {Between(Shown(field, rule.Min), Shown(field, rule.Max)).Vi}", $"{labelEn} must be {Between(Shown(field, rule.Min), Shown(field, rule.Max)).En}"),
            FormRuleKind.Before => ((a, v, _) => other is null || Compare(field, v, a.Get(other.Key)) is null or < 0,
                $"{label} phải trước \"{other?.Label}\"", $"{labelEn} must be before \"{other?.LabelEn}\""),
            _ => ((a, v, _) => other is null || Compare(field, v, a.Get(other.Key)) is null or <= 0,
                $"{label} không được sau \"{other?.Label}\"", $"{labelEn} cannot be after \"{other?.LabelEn}\""),
        };
        var message = rule.Message is not null && rule.MessageEn is not null ? $"{rule.Message} / {rule.MessageEn}" : $"{check.Vi}. / {check.En}.";
        RuleFor(a => a.Get(field.Key))
            .Must((a, v, c) => v is null || !FormAnswers.IsVisible(field, a.Values) || check.Holds(a, v, c))
            .WithMessage(message)
            .OverridePropertyName(field.Key);
    }

    private static DateOnly? Today(ValidationContext<FormAnswers> context) =>
        context.RootContextData.TryGetValue(TodayKey, out var today) && today is DateOnly d ? d : null;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Shown(FormField field, string? bound) =>
        bound is not null && field.Type == FormFieldType.Date && DateOnly.TryParseExact(bound, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
            : bound;

    private static (string Vi, string En) Between(string? min, string? max) => (min, max) switch
    {
        ({ } a, { } b) => ($"trong khoảng {a} đến {b}", $"between {a} and {b}"),
        ({ } a, null) => ($"từ {a} trở lên", $"at least {a}"),
        _ => ($"không quá {max}", $"at most {max}"),
    };

    /// <summary>
    /// Compares an answer with a bound or another answer of the same field type (dates yyyy-MM-dd, numbers); null when
    /// either side is missing or not readable (the field's own format rule reports that).
    /// </summary>
    private static int? Compare(FormField field, string? value, string? bound)
    {
        if (value is null || bound is null)
        {
            return null;
        }

        if (field.Type == FormFieldType.Date)
        {
            return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var a)
                && DateOnly.TryParseExact(bound, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b)
                    ? a.CompareTo(b)
                    : null;
        }

        return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(bound, NumberStyles.Number, CultureInfo.InvariantCulture, out var y)
                ? x.CompareTo(y)
                : null;
    }

    /// <summary>
    /// The validator of a form definition, built once per distinct definition and shared (FluentValidation validators are
    /// safe to share once built). Keyed by the definition's content, not by a version id, so hosts on different databases
    /// in one process never share a wrong one.
    /// </summary>
    public static FormValidator For(IReadOnlyList<FormField> form, IReadOnlyList<FormRule>? rules = null) =>
        Built.GetOrAdd(JsonSerializer.Serialize(form) + JsonSerializer.Serialize(rules ?? []), _ => new FormValidator(form, rules));

    /// <summary>The validator of a version's e-form: its fields and its rules.</summary>
    public static FormValidator For(ProcedureVersion version) => For(version.Form, version.FormRules);
}
