using System.Text;
using Portal.Core.Catalog;
using Portal.Core.Filing;

namespace Portal.Core.Tests.Filing;

public sealed class FormValidatorTests
{
    private static readonly IReadOnlyList<FormField> Form =
    [
        new("name", "Họ tên", "Name", FormFieldType.Text, true, MaxLength: 20),
        new("kind", "Loại", "Kind", FormFieldType.Select, true, ["A", "Khác"]),
        new("other", "Ghi rõ", "Specify", FormFieldType.Text, true, VisibleWhenField: "kind", VisibleWhenValue: "Khác"),
        new("head_id", "CCCD chủ hộ", "Head's ID", FormFieldType.CitizenId, false),
        new("tax", "MST", "Tax code", FormFieldType.TaxCode, false),
        new("area", "Diện tích", "Area", FormFieldType.Number, false),
        new("agree", "Đồng ý", "Agree", FormFieldType.Checkbox, true),
    ];

    private static FormAnswers Answers(Dictionary<string, string?> raw) => FormAnswers.FromInput(Form, k => raw.GetValueOrDefault(k));

    [Fact]
    public void A_conditional_field_is_required_only_when_shown_and_dropped_when_hidden()
    {
        var hidden = Answers(new() { ["name"] = "An", ["kind"] = "A", ["other"] = "left over", ["agree"] = "true" });
        Assert.True(new FormValidator(Form).Validate(hidden).IsValid);
        Assert.Null(hidden.Get("other"));

        var shown = new FormValidator(Form).Validate(Answers(new() { ["name"] = "An", ["kind"] = "Khác", ["agree"] = "true" }));
        Assert.Equal("other", Assert.Single(shown.Errors).PropertyName);
        Assert.StartsWith("Vui lòng nhập \"Ghi rõ\"", shown.Errors[0].ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifiers_numbers_options_lengths_and_a_required_tick_are_checked_with_Vietnamese_messages()
    {
        var result = new FormValidator(Form).Validate(Answers(new()
        {
            ["name"] = new string('x', 21),
            ["kind"] = "Z",
            ["head_id"] = "123",
            ["tax"] = "12-3",
            ["area"] = "-4",
        }));
        var byField = result.Errors.ToLookup(e => e.PropertyName, e => e.ErrorMessage);
        Assert.Contains(byField["name"], m => m.Contains("dài tối đa 20 ký tự", StringComparison.Ordinal));
        Assert.Contains(byField["kind"], m => m.Contains("trong danh sách", StringComparison.Ordinal));
        Assert.Contains(byField["head_id"], m => m.Contains("12 chữ số", StringComparison.Ordinal));
        Assert.Contains(byField["tax"], m => m.Contains("10 chữ số", StringComparison.Ordinal));
        Assert.Contains(byField["area"], m => m.Contains("số không âm", StringComparison.Ordinal));
        Assert.Contains(byField["agree"], m => m.Contains("Vui lòng đánh dấu", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_arrives_in_NFD_and_is_kept_in_NFC_with_spaces_collapsed()
    {
        var answers = Answers(new() { ["name"] = "  Nguyễn   Thị  Ánh ".Normalize(NormalizationForm.FormD), ["head_id"] = "031 090 001 234" });
        Assert.Equal("Nguyễn Thị Ánh", answers.Get("name"));
        Assert.True(answers.Get("name")!.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("031090001234", answers.Get("head_id"));
    }
}
