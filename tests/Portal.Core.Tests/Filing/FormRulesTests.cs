using Portal.Core.Catalog;
using Portal.Core.Filing;

namespace Portal.Core.Tests.Filing;

public sealed class FormRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static readonly IReadOnlyList<FormField> Form =
    [
        new("born", "Ngày sinh", "Date of birth", FormFieldType.Date, true, MinDate: new DateOnly(1950, 1, 1)),
        new("from", "Từ ngày", "From", FormFieldType.Date, false),
        new("to", "Đến ngày", "To", FormFieldType.Date, false),
        new("copies", "Số bản sao", "Copies", FormFieldType.Number, false, Min: 0, Max: 10),
        new("floors", "Số tầng", "Floors", FormFieldType.Number, false),
    ];

    private static readonly IReadOnlyList<FormRule> Rules =
    [
        new(FormRuleKind.NotInFuture, "born"),
        new(FormRuleKind.Before, "from", "to"),
        new(FormRuleKind.Range, "floors", Min: "1", Max: "7", Message: "Nhà ở riêng lẻ tối đa 7 tầng", MessageEn: "A single house has at most 7 floors"),
    ];

    private static Dictionary<string, string> Check(Dictionary<string, string?> raw, DateOnly? today = null)
    {
        var answers = FormAnswers.FromInput(Form, k => raw.GetValueOrDefault(k));
        var validator = FormValidator.For(Form, Rules);
        var result = today is { } d ? validator.Check(answers, d) : validator.Validate(answers);
        return result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => string.Join(" | ", g.Select(e => e.ErrorMessage)));
    }

    [Fact]
    public void A_birth_date_after_today_is_refused_and_today_itself_is_accepted()
    {
        Assert.Equal("\"Ngày sinh\" không được sau ngày hôm nay. / \"Date of birth\" cannot be after today.",
            Check(new() { ["born"] = "2026-03-03" }, Today)["born"]);
        Assert.Empty(Check(new() { ["born"] = "2026-03-02" }, Today));
    }

    [Fact]
    public void Without_a_date_for_today_the_rules_about_today_are_left_to_the_filing_step()
    {
        Assert.Empty(Check(new() { ["born"] = "2030-01-01" }));
    }

    [Fact]
    public void A_start_date_must_come_before_the_end_date_and_either_left_empty_passes()
    {
        Assert.Contains("\"Từ ngày\" phải trước \"Đến ngày\"", Check(new() { ["born"] = "1990-01-01", ["from"] = "2026-02-01", ["to"] = "2026-02-01" }, Today)["from"], StringComparison.Ordinal);
        Assert.Empty(Check(new() { ["born"] = "1990-01-01", ["from"] = "2026-02-01", ["to"] = "2026-02-02" }, Today));
        Assert.Empty(Check(new() { ["born"] = "1990-01-01", ["from"] = "2026-02-01" }, Today));
    }

    [Fact]
    public void Field_bounds_and_range_rules_say_the_allowed_values_or_the_rule_s_own_message()
    {
        var errors = Check(new() { ["born"] = "1949-12-31", ["copies"] = "11", ["floors"] = "9" }, Today);
        Assert.Equal("\"Ngày sinh\" phải từ 01/01/1950 trở lên. / \"Date of birth\" must be at least 01/01/1950.", errors["born"]);
        Assert.Equal("\"Số bản sao\" phải trong khoảng 0 đến 10. / \"Copies\" must be between 0 and 10.", errors["copies"]);
        Assert.Equal("Nhà ở riêng lẻ tối đa 7 tầng / A single house has at most 7 floors", errors["floors"]);
        Assert.Empty(Check(new() { ["born"] = "1950-01-01", ["copies"] = "10", ["floors"] = "7" }, Today));
    }
}
