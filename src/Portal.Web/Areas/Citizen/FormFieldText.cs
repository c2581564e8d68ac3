using Portal.Core.Catalog;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Citizen;

/// <summary>How the e-form words a field's condition, on the citizen's page and on the administration's preview alike.</summary>
public static class FormFieldText
{
    public static string? Condition(FormField field, IReadOnlyList<FormField> form)
    {
        if (field.VisibleWhenField is null)
        {
            return null;
        }

        var other = form.FirstOrDefault(x => x.Key == field.VisibleWhenField);
        var value = other?.Type == FormFieldType.Checkbox ? Bilingual.T("được đánh dấu", "ticked") : $"\"{field.VisibleWhenValue}\"";
        return Bilingual.T($"Chỉ điền khi \"{other?.Label}\" là {value}.", $"Only when \"{other?.LabelEn}\" is {value}.");
    }
}
