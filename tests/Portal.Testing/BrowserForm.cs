using AngleSharp.Html.Dom;

namespace Portal.Testing;

/// <summary>
/// A form's fields as a browser without JavaScript posts them: inputs (checked boxes and radios only, no file or submit
/// inputs), selects and text areas as rendered, then <c>values</c> in their place (a null value leaves the field out).
/// Shared by the tests' FormClient and, as a linked file, by the crash-loop driver of bench/chaos.sh.
/// </summary>
public static class BrowserForm
{
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form, IEnumerable<KeyValuePair<string, string?>> values)
    {
        var overrides = values.ToList();
        var overridden = overrides.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !overridden.Contains(input.Name):
                    if (input.Type is "checkbox" or "radio" ? input.IsChecked : input.Type is not ("submit" or "file"))
                    {
                        fields.Add(new(input.Name, input.Value));
                    }

                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !overridden.Contains(select.Name):
                    fields.Add(new(select.Name, select.Value ?? string.Empty));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !overridden.Contains(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
            }
        }

        fields.AddRange(overrides.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Key, v.Value!)));
        return fields;
    }
}
