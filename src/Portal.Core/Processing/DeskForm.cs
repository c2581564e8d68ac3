using System.Globalization;
using System.Text.Json;
using Portal.Core.Catalog;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>A message about one field of a form, Vietnamese and English.</summary>
public sealed record FieldError(string Field, string Vietnamese, string English);

/// <summary>
/// The procedure's e-form as the desk fills it for a walk-in or postal applicant: values normalised to NFC, the
/// required and conditional fields and the type of each checked, and the answers kept as the JSON the dossier stores.
/// </summary>
public static class DeskForm
{
    public static string FieldName(FormField field) => "f_" + field.Key;

    public static bool IsVisible(FormField field, IReadOnlyDictionary<string, string?> values) =>
        field.VisibleWhenField is null
        || string.Equals(Value(values, field.VisibleWhenField), field.VisibleWhenValue, StringComparison.Ordinal);

    public static IReadOnlyList<FieldError> Validate(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, string?> values)
    {
        var errors = new List<FieldError>();
        foreach (var field in fields.Where(f => IsVisible(f, values)))
        {
            var value = Value(values, field.Key);
            var name = FieldName(field);
            if (value.Length == 0)
            {
                if (field.Required && !(field.Type == FormFieldType.Checkbox && !field.Required))
                {
                    errors.Add(new(name, $"Vui lòng nhập \"{field.Label}\".", $"Please fill in \"{field.LabelEn}\"."));
                }

                continue;
            }

            var max = field.MaxLength ?? (field.Type == FormFieldType.TextArea ? 2000 : 400);
            if (value.Length > max)
            {
                errors.Add(new(name, $"\"{field.Label}\" tối đa {max} ký tự.", $"\"{field.LabelEn}\" is at most {max} characters."));
                continue;
            }

            var ok = field.Type switch
            {
                FormFieldType.Number => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n >= 0,
                FormFieldType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                FormFieldType.Select => field.Options?.Contains(value) == true,
                FormFieldType.Checkbox => value is "true" or "false",
                FormFieldType.CitizenId => Identifiers.IsCitizenId(value),
                FormFieldType.TaxCode => Identifiers.IsTaxCode(value),
                FormFieldType.Phone => Identifiers.IsPhone(value),
                FormFieldType.Email => Identifiers.IsEmail(value),
                _ => true,
            };
            if (!ok)
            {
                errors.Add(new(name, $"\"{field.Label}\" không hợp lệ{Hint(field.Type)}.", $"\"{field.LabelEn}\" is not valid{HintEn(field.Type)}."));
            }
            else if (field.Type == FormFieldType.Checkbox && field.Required && value != "true")
            {
                errors.Add(new(name, $"Cần xác nhận \"{field.Label}\".", $"\"{field.LabelEn}\" must be confirmed."));
            }
        }

        return errors;
    }

    /// <summary>The answers of the visible fields as the JSON object the dossier keeps.</summary>
    public static string ToJson(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, string?> values) =>
        JsonSerializer.Serialize(fields.Where(f => IsVisible(f, values)).ToDictionary(f => f.Key, f => Value(values, f.Key)));

    private static string Value(IReadOnlyDictionary<string, string?> values, string key) =>
        values.TryGetValue(key, out var v) ? VietnameseText.NormalizeMultiline(v) : string.Empty;

    private static string Hint(FormFieldType type) => type switch
    {
        FormFieldType.Number => " (nhập số)",
        FormFieldType.Date => " (ngày theo dạng năm-tháng-ngày)",
        FormFieldType.Select => " (chọn trong danh sách)",
        FormFieldType.CitizenId => " (CCCD gồm 12 chữ số)",
        FormFieldType.TaxCode => " (mã số thuế 10 chữ số, chi nhánh thêm -3 chữ số)",
        FormFieldType.Phone => " (số di động 10 chữ số bắt đầu bằng 0)",
        FormFieldType.Email => " (ví dụ ten@example.vn)",
        _ => string.Empty,
    };

    private static string HintEn(FormFieldType type) => type switch
    {
        FormFieldType.Number => " (a number)",
        FormFieldType.Date => " (a date, year-month-day)",
        FormFieldType.Select => " (pick from the list)",
        FormFieldType.CitizenId => " (a 12-digit citizen ID)",
        FormFieldType.TaxCode => " (10 digits, a branch adds -3 digits)",
        FormFieldType.Phone => " (a 10-digit mobile number starting with 0)",
        FormFieldType.Email => " (e.g. name@example.vn)",
        _ => string.Empty,
    };
}
