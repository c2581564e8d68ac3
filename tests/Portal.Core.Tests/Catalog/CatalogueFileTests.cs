using System.Text.Json.Nodes;
using Portal.Core.Catalog;

namespace Portal.Core.Tests.Catalog;

public sealed class CatalogueFileTests
{
    private static string Shipped(string code) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Portal.Core", "Resources", "Catalog", "procedures", code + ".json"));

    /// <summary>A shipped file with one change made through its JSON tree.</summary>
    private static string Edited(string code, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Shipped(code))!.AsObject();
        edit(node);
        return node.ToJsonString();
    }

    private static string Errors(CatalogueParseResult result) => string.Join("\n", result.Errors);

    [Fact]
    public void The_thirty_shipped_procedures_load_and_each_file_is_exactly_what_the_exporter_writes()
    {
        var definitions = CatalogueSync.LoadDefinitions(null);
        Assert.Equal(30, definitions.Count);
        foreach (var definition in definitions)
        {
            var text = Shipped(definition.Code);
            Assert.Equal(text, CatalogueFile.Export(definition));
            Assert.Equal(text, CatalogueFile.Export(CatalogueFile.Parse(definition.Code + ".json", text).Definition!));
        }

        Assert.All(definitions.Where(d => d.Level == AgencyLevel.Commune), d => Assert.Equal(AgencyLevel.Commune, d.OfferedAt.Level));
        Assert.Equal(["000.00.05.H31"], definitions.Single(d => d.Code == "1.013831").OfferedAt.AgencyCodes);
        // The commune's first land certificate hands its appraisal to the land office (liên thông).
        Assert.Equal("000.00.05.H31", definitions.Single(d => d.Code == "31.DP.002").Facts.Steps[0].AgencyCode);
    }

    [Fact]
    public void A_definition_with_rules_bounds_conditions_tiered_fees_and_named_agencies_survives_export_and_parse()
    {
        var facts = CatalogueSync.LoadDefinitions(null).Single(d => d.Code == "2.000815");
        var definition = facts with
        {
            OfferedAt = CatalogueOffering.At("000.20.01.H31", "000.20.02.H31"),
            Facts = facts.Facts with
            {
                Form =
                [
                    new("start", "Từ ngày", "From", FormFieldType.Date, true, MinDate: new DateOnly(2000, 1, 1), MaxDate: new DateOnly(2100, 12, 31)),
                    new("end", "Đến ngày", "To", FormFieldType.Date, false, Hint: "dd/mm/yyyy"),
                    new("pages", "Số trang", "Pages", FormFieldType.Number, true, Min: 1, Max: 500.5m),
                    new("kind", "Loại", "Kind", FormFieldType.Select, true, ["A", "Khác"]),
                    new("other", "Ghi rõ", "Specify", FormFieldType.Text, true, VisibleWhenField: "kind", VisibleWhenValue: "Khác", MaxLength: 50),
                ],
                FormRules =
                [
                    new(FormRuleKind.NotInFuture, "start"),
                    new(FormRuleKind.Before, "start", "end", Message: "Từ ngày phải trước đến ngày", MessageEn: "From must be before to"),
                    new(FormRuleKind.Range, "pages", Min: "1", Max: "200"),
                ],
                Fees = [new Fee("Phí", 2000, "ghi chú", FeeKind.PerPage, CapVnd: 200_000, MinimumVnd: 1000, LaterPagesFrom: 3, LaterPageVnd: 1000), new Fee("Lệ phí", null, null)],
                ApplicantTypes = "Công dân Việt Nam",
            },
        };

        var text = CatalogueFile.Export(definition);
        var back = CatalogueFile.Parse("x.json", text);
        Assert.True(back.IsValid, Errors(back));
        Assert.Equal(text, CatalogueFile.Export(back.Definition!));
        Assert.Equal(CatalogueFile.Hash(definition), CatalogueFile.Hash(back.Definition!));
        Assert.Equal(new DateOnly(2000, 1, 1), back.Definition!.Facts.Form[0].MinDate);
        Assert.Equal(500.5m, back.Definition.Facts.Form[2].Max);
        Assert.Equal(FormRuleKind.Before, back.Definition.Facts.FormRules![1].Kind);
    }

    [Fact]
    public void The_hash_ignores_layout_and_offering_but_not_a_changed_fact()
    {
        var text = Shipped("1.001193");
        var original = CatalogueFile.Parse("a.json", text).Definition!;
        var compact = CatalogueFile.Parse("b.json", JsonNode.Parse(text)!.ToJsonString()).Definition!;
        var elsewhere = CatalogueFile.Parse("c.json", Edited("1.001193", n => n["offeredAt"] = new JsonArray("000.20.01.H31"))).Definition!;
        var changed = CatalogueFile.Parse("d.json", Edited("1.001193", n => n["effectiveFrom"] = "2027-01-01")).Definition!;
        Assert.Equal(CatalogueFile.Hash(original), CatalogueFile.Hash(compact));
        Assert.Equal(CatalogueFile.Hash(original), CatalogueFile.Hash(elsewhere));
        Assert.NotEqual(CatalogueFile.Hash(original), CatalogueFile.Hash(changed));
    }

    [Fact]
    public void An_unknown_field_type_is_reported_with_the_file_the_procedure_and_the_field_path()
    {
        var json = Edited("1.001193", n => n["form"]!["fields"]![3]!["type"] = "txt");
        var result = CatalogueFile.Parse("procedures/1.001193.json", json);
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(
            "catalogue file procedures/1.001193.json, procedure 1.001193, field form.fields[3].type: unknown type \"txt\" (one of text, number, date, select, checkbox, textarea, address, citizen-id, tax-code, phone, email)",
            error.ToString());
    }

    [Theory]
    [InlineData("name", null, "field name: is required")]
    [InlineData("formatVersion", 2, "field formatVersion: unsupported format version 2 (this portal reads version 1)")]
    [InlineData("colour", "red", "field colour: unknown field")]
    [InlineData("level", "district", "field level: unknown value \"district\" (one of province, department, commune)")]
    [InlineData("effectiveFrom", "1/7/2025", "field effectiveFrom: must be a date written yyyy-MM-dd")]
    public void A_bad_top_level_fact_names_its_field(string field, object? value, string expected)
    {
        var json = Edited("1.001193", n =>
        {
            if (value is null)
            {
                n.Remove(field);
            }
            else
            {
                n[field] = JsonValue.Create(value);
            }
        });
        var error = Assert.Single(CatalogueFile.Parse("f.json", json).Errors);
        Assert.Equal($"catalogue file f.json, procedure 1.001193, {expected}", error.ToString());
    }

    [Fact]
    public void Wrong_steps_fees_conditions_and_rules_are_each_reported_at_their_path()
    {
        var json = Edited("1.001193", n =>
        {
            n["steps"]![0]!["agency"] = "the land office";
            n["steps"]![1]!["role"] = "Leader";
            n["fees"]![0]!["kind"] = "per-day";
            n["fees"]![1]!.AsObject().Remove("amountVnd");
            n["form"]!["fields"]![5]!["visibleWhen"]!["field"] = "nobody";
            n["form"]!["rules"] = new JsonArray(
                new JsonObject { ["rule"] = "not-in-future", ["field"] = "subject_name" },
                new JsonObject { ["rule"] = "before", ["field"] = "subject_dob" });
            n["offeredAt"] = new JsonArray("Hồng Bàng");
        });
        var paths = CatalogueFile.Parse("f.json", json).Errors.Select(e => $"{e.Path}: {e.Message}").ToList();
        Assert.Contains("steps[0].agency: \"the land office\" is neither \"receiving\" nor an agency code like 000.00.05.H31", paths);
        Assert.Contains("steps[1].role: unknown role \"Leader\" (one of Reception, Handler, Approver)", paths);
        Assert.Contains("fees[0].kind: unknown kind \"per-day\" (one of flat, per-copy, per-page)", paths);
        Assert.Contains("fees[1].amountVnd: is required (null when the province sets the amount)", paths);
        Assert.Contains("form.fields[5].visibleWhen.field: no field \"nobody\" in this form", paths);
        Assert.Contains("form.rules[0].field: \"subject_name\" is not a date field", paths);
        Assert.Contains("form.rules[1].other: is required", paths);
        Assert.Contains("offeredAt[0]: \"Hồng Bàng\" is not an agency code like 000.00.05.H31", paths);
    }

    [Fact]
    public void A_file_that_is_not_JSON_or_repeats_a_field_key_is_refused()
    {
        var broken = Assert.Single(CatalogueFile.Parse("f.json", "{ \"code\": ").Errors);
        Assert.StartsWith("catalogue file f.json, procedure ?, field (root): not valid JSON", broken.ToString(), StringComparison.Ordinal);

        var twice = Edited("1.001193", n => n["form"]!["fields"]![1]!["key"] = "subject_name");
        Assert.Contains(CatalogueFile.Parse("f.json", twice).Errors, e => e.Path == "form.fields[1].key" && e.Message == "the key \"subject_name\" is used twice");
    }
}
