using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Core.Catalog;

namespace Portal.Core.Tests.Catalog;

/// <summary>Every error of a catalogue file in both languages: an administrator in Vietnamese mode reads Vietnamese only.</summary>
public sealed partial class CatalogueErrorTests
{
    private const string Birth = "1.001193";

    private static string Shipped(string code) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Portal.Core", "Resources", "Catalog", "procedures", code + ".json"));

    /// <summary>The birth registration file with one change (its fields: 0 subject_name text, 1 subject_dob date, 2 subject_gender
    /// select, 5 relation_other visible when relation is "Khác", 6 copies number, 8 post_address visible when by_post is ticked).</summary>
    private static string Edited(Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Shipped(Birth))!.AsObject();
        edit(node);
        return node.ToJsonString();
    }

    private static string WithRule(JsonObject rule) => Edited(n => n["form"]!["rules"] = new JsonArray(rule));

    private static JsonNode Field(JsonObject n, int i) => n["form"]!["fields"]![i]!;

    /// <summary>One broken file per kind of error the reader gives, with the path and the English message it must report.</summary>
    private static readonly Dictionary<string, (Func<string> Json, string Path, string English)> Broken = new()
    {
        ["not JSON"] = (() => "{ \"code\": ", "", ""),
        ["not an object"] = (() => "[1, 2]", "", "a catalogue file is one JSON object"),
        ["format version"] = (() => Edited(n => n["formatVersion"] = 2), "formatVersion", "unsupported format version 2 (this portal reads version 1)"),
        ["bad code"] = (() => Edited(n => n["code"] = "1 001193"), "code", "\"1 001193\" is not a procedure code (letters, digits, dots, dashes, underscores; at most 40)"),
        ["missing string"] = (() => Edited(n => n.Remove("name")), "name", "is required"),
        ["not a string"] = (() => Edited(n => n["name"] = 5), "name", "must be a string"),
        ["empty string"] = (() => Edited(n => n["name"] = "   "), "name", "must not be empty"),
        ["too long"] = (() => Edited(n => n["name"] = new string('đ', 1001)), "name", "is longer than 1000 characters"),
        ["unknown field"] = (() => Edited(n => n["colour"] = "red"), "colour", "unknown field"),
        ["not an object field"] = (() => Edited(n => n["sector"] = "Hộ tịch"), "sector", "must be an object"),
        ["missing object"] = (() => Edited(n => n.Remove("sector")), "sector", "is required"),
        ["bad enum value"] = (() => Edited(n => n["level"] = "district"), "level", "unknown value \"district\" (one of province, department, commune)"),
        ["missing enum"] = (() => Edited(n => n.Remove("serviceType")), "serviceType", "is required"),
        ["not a boolean"] = (() => Edited(n => n["result"]!["isDocument"] = "yes"), "result.isDocument", "must be true or false"),
        ["missing boolean"] = (() => Edited(n => n["result"]!.AsObject().Remove("isDocument")), "result.isDocument", "is required"),
        ["not a list"] = (() => Edited(n => n["legalBasis"] = "Luật Hộ tịch"), "legalBasis", "must be a list"),
        ["missing list"] = (() => Edited(n => n.Remove("legalBasis")), "legalBasis", "is required"),
        ["empty legal basis"] = (() => Edited(n => n["legalBasis"]![0] = ""), "legalBasis[0]", "must be a non-empty string"),
        ["not a whole number"] = (() => Edited(n => n["timeLimit"]!["value"] = 1.5), "timeLimit.value", "must be a whole number"),
        ["below a minimum"] = (() => Edited(n => n["timeLimit"]!["value"] = -1), "timeLimit.value", "must be at least 0"),
        ["missing number"] = (() => Edited(n => n["timeLimit"]!.AsObject().Remove("value")), "timeLimit.value", "is required"),
        ["bad unit"] = (() => Edited(n => n["timeLimit"]!["unit"] = "weeks"), "timeLimit.unit", "unknown unit \"weeks\" (one of working-days, working-hours, days, months)"),
        ["bad date"] = (() => Edited(n => n["effectiveFrom"] = "1/7/2025"), "effectiveFrom", "must be a date written yyyy-MM-dd"),
        ["missing date"] = (() => Edited(n => n.Remove("effectiveFrom")), "effectiveFrom", "is required"),
        ["bad document form"] = (() => Edited(n => n["documents"]![0]!["form"] = "scan"), "documents[0].form", "unknown form \"scan\" (one of original, certified-copy, copy)"),
        ["out of range"] = (() => Edited(n => n["documents"]![0]!["count"] = 0), "documents[0].count", "must be between 1 and 100"),
        ["item not an object"] = (() => Edited(n => n["documents"]![0] = "Tờ khai"), "documents[0]", "must be an object"),
        ["bad fee kind"] = (() => Edited(n => n["fees"]![0]!["kind"] = "per-day"), "fees[0].kind", "unknown kind \"per-day\" (one of flat, per-copy, per-page)"),
        ["missing fee amount"] = (() => Edited(n => n["fees"]![0]!.AsObject().Remove("amountVnd")), "fees[0].amountVnd", "is required (null when the province sets the amount)"),
        ["negative amount"] = (() => Edited(n => n["fees"]![0]!["amountVnd"] = -5), "fees[0].amountVnd", "must be a whole number of đồng, 0 or more"),
        ["minimum above cap"] = (() => Edited(n =>
        {
            n["fees"]![0]!["capVnd"] = 100;
            n["fees"]![0]!["minimumVnd"] = 200;
        }), "fees[0].minimumVnd", "minimum 200 is above the cap 100"),
        ["later pages without amount"] = (() => Edited(n =>
        {
            n["fees"]![0]!["kind"] = "per-page";
            n["fees"]![0]!["laterPages"] = new JsonObject { ["from"] = 3 };
        }), "fees[0].laterPages.amountVnd", "is required"),
        ["later pages on a flat fee"] = (() => Edited(n => n["fees"]![0]!["laterPages"] = new JsonObject { ["from"] = 3, ["amountVnd"] = 500 }),
            "fees[0].laterPages", "only a per-page fee has a price for later pages"),
        ["no steps"] = (() => Edited(n => n["steps"] = new JsonArray()), "steps", "a procedure that can be filed needs at least one processing step"),
        ["bad role"] = (() => Edited(n => n["steps"]![1]!["role"] = "Leader"), "steps[1].role", "unknown role \"Leader\" (one of Reception, Handler, Approver)"),
        ["bad step agency"] = (() => Edited(n => n["steps"]![0]!["agency"] = "So XD"), "steps[0].agency",
            "\"So XD\" is neither \"receiving\" nor an agency code like 000.00.05.H31"),
        ["step hours out of range"] = (() => Edited(n => n["steps"]![0]!["hours"] = 0), "steps[0].hours", "must be between 1 and 100000"),
        ["missing offering"] = (() => Edited(n => n.Remove("offeredAt")), "offeredAt", "is required: {\"level\": \"commune\"} or a list of agency codes"),
        ["offering neither level nor list"] = (() => Edited(n => n["offeredAt"] = "commune"), "offeredAt", "must be {\"level\": \"commune\"} or a list of agency codes"),
        ["offering not an agency code"] = (() => Edited(n => n["offeredAt"] = new JsonArray("Hồng Bàng")), "offeredAt[0]", "\"Hồng Bàng\" is not an agency code like 000.00.05.H31"),
        ["bad field key"] = (() => Edited(n => Field(n, 0)["key"] = "Subject"), "form.fields[0].key",
            "\"Subject\" is not a field key (lower-case letters, digits and _, starting with a letter)"),
        ["duplicate field key"] = (() => Edited(n => Field(n, 1)["key"] = "subject_name"), "form.fields[1].key", "the key \"subject_name\" is used twice"),
        ["bad field type"] = (() => Edited(n => Field(n, 0)["type"] = "txt"), "form.fields[0].type",
            "unknown type \"txt\" (one of text, number, date, select, checkbox, textarea, address, citizen-id, tax-code, phone, email)"),
        ["select without options"] = (() => Edited(n => Field(n, 2).AsObject().Remove("options")), "form.fields[2].options", "a select field needs at least one option"),
        ["options on a text field"] = (() => Edited(n => Field(n, 0)["options"] = new JsonArray("a")), "form.fields[0].options", "only a select field has options"),
        ["options twice"] = (() => Edited(n => Field(n, 2)["options"] = new JsonArray("Nam", "Nam")), "form.fields[2].options", "options must be distinct"),
        ["empty option"] = (() => Edited(n => Field(n, 2)["options"] = new JsonArray("Nam", "")), "form.fields[2].options[1]", "must be a non-empty string"),
        ["max length out of range"] = (() => Edited(n => Field(n, 0)["maxLength"] = 0), "form.fields[0].maxLength", "must be between 1 and 10000"),
        ["number field bound not a number"] = (() => Edited(n => Field(n, 6)["min"] = "1"), "form.fields[6].min", "must be a number for a number field"),
        ["date field bound not a date"] = (() => Edited(n => Field(n, 1)["min"] = "01/01/2000"), "form.fields[1].min", "must be a date written yyyy-MM-dd for a date field"),
        ["bound on a text field"] = (() => Edited(n => Field(n, 0)["min"] = 1), "form.fields[0].min", "only number and date fields have a minimum or maximum"),
        ["minimum above maximum"] = (() => Edited(n =>
        {
            Field(n, 6)["min"] = 10;
            Field(n, 6)["max"] = 1;
        }), "form.fields[6].min", "the minimum is above the maximum"),
        ["visibleWhen unknown field"] = (() => Edited(n => Field(n, 5)["visibleWhen"]!["field"] = "nobody"), "form.fields[5].visibleWhen.field", "no field \"nobody\" in this form"),
        ["visibleWhen itself"] = (() => Edited(n => Field(n, 5)["visibleWhen"]!["field"] = "relation_other"), "form.fields[5].visibleWhen.field", "a field cannot depend on itself"),
        ["visibleWhen checkbox value"] = (() => Edited(n => Field(n, 8)["visibleWhen"]!["value"] = "yes"), "form.fields[8].visibleWhen.value", "a checkbox's value is \"true\" or \"false\""),
        ["visibleWhen not an option"] = (() => Edited(n => Field(n, 5)["visibleWhen"]!["value"] = "Anh"), "form.fields[5].visibleWhen.value", "\"Anh\" is not an option of \"relation\""),
        ["bad rule"] = (() => WithRule(new() { ["rule"] = "after", ["field"] = "subject_dob" }), "form.rules[0].rule",
            "unknown rule \"after\" (one of not-in-future, not-in-past, range, before, not-after)"),
        ["rule on an unknown field"] = (() => WithRule(new() { ["rule"] = "not-in-past", ["field"] = "nobody" }), "form.rules[0].field", "no field \"nobody\" in this form"),
        ["rule message in one language"] = (() => WithRule(new() { ["rule"] = "not-in-past", ["field"] = "subject_dob", ["message"] = "Ngày không hợp lệ" }),
            "form.rules[0].messageEn", "a rule's message is given in both languages or in neither"),
        ["date rule on a text field"] = (() => WithRule(new() { ["rule"] = "not-in-future", ["field"] = "subject_name" }), "form.rules[0].field", "\"subject_name\" is not a date field"),
        ["range on a text field"] = (() => WithRule(new() { ["rule"] = "range", ["field"] = "subject_name", ["min"] = 1 }), "form.rules[0].field",
            "\"subject_name\" is neither a number nor a date field"),
        ["range without bounds"] = (() => WithRule(new() { ["rule"] = "range", ["field"] = "copies" }), "form.rules[0].min", "a range needs a minimum, a maximum or both"),
        ["range date bound not a date"] = (() => WithRule(new() { ["rule"] = "range", ["field"] = "subject_dob", ["min"] = "01/01/2000" }), "form.rules[0].min",
            "must be a date written yyyy-MM-dd"),
        ["range number bound not a number"] = (() => WithRule(new() { ["rule"] = "range", ["field"] = "copies", ["max"] = "10" }), "form.rules[0].max", "must be a number"),
        ["comparison without other"] = (() => WithRule(new() { ["rule"] = "before", ["field"] = "subject_dob" }), "form.rules[0].other", "is required"),
        ["comparison with an unknown field"] = (() => WithRule(new() { ["rule"] = "not-after", ["field"] = "subject_dob", ["other"] = "nobody" }), "form.rules[0].other",
            "no field \"nobody\" in this form"),
        ["comparison of a date and a number"] = (() => WithRule(new() { ["rule"] = "before", ["field"] = "subject_dob", ["other"] = "copies" }), "form.rules[0].other",
            "both fields must be dates, or both numbers"),
        ["bounds on a rule that is not a range"] = (() => WithRule(new() { ["rule"] = "not-in-past", ["field"] = "subject_dob", ["min"] = "2000-01-01" }), "form.rules[0].min",
            "only a range rule has a minimum or maximum"),
        ["other on a rule that does not compare"] = (() => WithRule(new() { ["rule"] = "not-in-past", ["field"] = "subject_dob", ["other"] = "subject_name" }), "form.rules[0].other",
            "only before and not-after rules compare two fields"),
    };

    public static TheoryData<string> Cases => [.. Broken.Keys];

    /// <summary>A letter only Vietnamese writes (a tone mark, or ă â đ ê ô ơ ư).</summary>
    [GeneratedRegex("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_error_a_broken_file_gives_is_also_in_Vietnamese_with_the_same_details(string @case)
    {
        var (json, path, english) = Broken[@case];
        var result = CatalogueFile.Parse("f.json", json());
        Assert.False(result.IsValid);
        Assert.True(english.Length == 0 || result.Errors.Any(e => e.Path == path && e.Message == english),
            $"expected \"{path}: {english}\", got:\n{string.Join("\n", result.Errors)}");

        foreach (var error in result.Errors)
        {
            var vi = error.MessageVi;
            Assert.False(string.IsNullOrWhiteSpace(vi), error.ToString());
            Assert.NotEqual(error.Message, vi);
            // Vietnamese words, not only the file's own values quoted back.
            Assert.Matches(VietnameseLetter(), Quoted().Replace(vi, string.Empty));
            if (!error.Message.StartsWith("not valid JSON", StringComparison.Ordinal))
            {
                // The same values and limits: every quoted value and every number of the English message.
                Assert.All(Quoted().Matches(error.Message), m => Assert.Contains(m.Value, vi, StringComparison.Ordinal));
                Assert.All(Number().Matches(error.Message), m => Assert.Contains(m.Value, vi, StringComparison.Ordinal));
            }

            Assert.EndsWith(": " + vi, error.Describe(vietnamese: true), StringComparison.Ordinal);
            Assert.Equal(error.ToString(), error.Describe(vietnamese: false));
            Assert.DoesNotContain(error.Message, error.Describe(vietnamese: true), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("missing string", "bắt buộc phải có")]
    [InlineData("too long", "vượt quá độ dài tối đa 1000 ký tự")]
    [InlineData("bad code", "\"1 001193\" không phải là mã thủ tục hợp lệ (chỉ gồm chữ cái, chữ số, dấu chấm, dấu gạch ngang, dấu gạch dưới; tối đa 40 ký tự)")]
    [InlineData("bad enum value", "giá trị \"district\" không hợp lệ (phải là một trong các giá trị: province, department, commune)")]
    [InlineData("bad date", "phải là ngày theo định dạng yyyy-MM-dd")]
    [InlineData("unknown field", "trường không có trong định dạng tệp danh mục")]
    [InlineData("duplicate field key", "khóa \"subject_name\" đã được dùng cho một trường khác")]
    [InlineData("visibleWhen unknown field", "biểu mẫu này không có trường \"nobody\"")]
    [InlineData("bad role", "vai trò \"Leader\" không hợp lệ (phải là một trong các giá trị: Reception, Handler, Approver)")]
    [InlineData("bad step agency", "\"So XD\" không phải là \"receiving\" cũng không phải là mã cơ quan hợp lệ (dạng 000.00.05.H31)")]
    [InlineData("out of range", "phải trong khoảng từ 1 đến 100")]
    [InlineData("not JSON", "không phải là JSON hợp lệ (dòng 1, vị trí 11)")]
    public void Some_Vietnamese_messages_word_for_word(string @case, string expected)
    {
        var (json, path, _) = Broken[@case];
        var error = CatalogueFile.Parse("f.json", json()).Errors.First(e => e.Path == path);
        Assert.Equal(expected, error.MessageVi);
    }

    [Fact]
    public void The_whole_line_is_in_one_language_for_each_mode()
    {
        var error = Assert.Single(CatalogueFile.Parse("procedures/1.001193.json", Broken["bad field type"].Json()).Errors);
        Assert.Equal(
            "tệp danh mục procedures/1.001193.json, thủ tục 1.001193, trường form.fields[0].type: kiểu trường \"txt\" không hợp lệ (phải là một trong các giá trị: text, number, date, select, checkbox, textarea, address, citizen-id, tax-code, phone, email)",
            error.Describe(vietnamese: true));
        Assert.Equal(
            "catalogue file procedures/1.001193.json, procedure 1.001193, field form.fields[0].type: unknown type \"txt\" (one of text, number, date, select, checkbox, textarea, address, citizen-id, tax-code, phone, email)",
            error.Describe(vietnamese: false));

        var root = Assert.Single(CatalogueFile.Parse("f.json", "[]").Errors);
        Assert.Equal("tệp danh mục f.json, thủ tục ?, trường (gốc): tệp danh mục phải là một đối tượng JSON", root.Describe(vietnamese: true));
    }

    [Fact]
    public void A_configured_folder_that_does_not_exist_is_reported_in_both_languages()
    {
        var missing = Path.Combine(Path.GetTempPath(), "portal-no-such-catalogue-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Single(Assert.Throws<CatalogueException>(() => CatalogueSync.LoadDefinitions(missing)).Errors);
        Assert.Equal("the folder named by Catalog:Directory does not exist", error.Message);
        Assert.Equal("thư mục khai báo tại Catalog:Directory không tồn tại", error.MessageVi);
    }
}
