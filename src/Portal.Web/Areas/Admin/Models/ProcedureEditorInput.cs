using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Core.Catalog;

namespace Portal.Web.Areas.Admin.Models;

/// <summary>
/// What the procedure editor posts: the catalogue file's fields, as typed (numbers stay text until the file's reader
/// judges them). <see cref="ToCatalogueJson"/> writes the catalogue file and <see cref="CatalogueFile.Parse"/> reads it
/// back, so the editor obeys exactly the rules of the file format and its errors carry the file's field paths
/// (<c>form.fields[2].key</c>), which are also this model's row positions after <see cref="Compact"/>.
/// </summary>
public sealed class ProcedureEditorInput
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? SectorCode { get; set; }
    public string? SectorName { get; set; }
    public string? Level { get; set; } = "commune";
    public string? Agency { get; set; }
    public string? ApplicantTypes { get; set; }
    public string? ServiceType { get; set; } = "full-online";
    public bool ResultIsDocument { get; set; } = true;
    public string? ResultDescription { get; set; }

    /// <summary>One legal document a line.</summary>
    public string? LegalBasis { get; set; }

    public string? TimeLimitValue { get; set; }
    public string? TimeLimitUnit { get; set; } = "working-days";
    public string? TimeLimitNote { get; set; }
    public string? EffectiveFrom { get; set; }
    public string? Caveat { get; set; }
    public string? Source { get; set; }

    /// <summary>A new procedure: offer it at every agency of its level (otherwise the agencies are chosen after).</summary>
    public bool OfferEverywhere { get; set; } = true;

    public List<DocumentRow> Documents { get; set; } = [];
    public List<FeeRow> Fees { get; set; } = [];
    public List<FieldRow> Fields { get; set; } = [];
    public List<RuleRow> Rules { get; set; } = [];
    public List<StepRow> Steps { get; set; } = [];

    public abstract class Row
    {
        public string? Order { get; set; }
        public bool Remove { get; set; }

        public abstract bool IsBlank { get; }

        protected static bool Blank(params string?[] values) => values.All(string.IsNullOrWhiteSpace);
    }

    public sealed class DocumentRow : Row
    {
        public string? Name { get; set; }
        public string? Form { get; set; } = "original";
        public string? Count { get; set; } = "1";
        public bool Mandatory { get; set; }
        public bool AllowDocx { get; set; }
        public string? TemplateUrl { get; set; }

        public override bool IsBlank => Blank(Name, TemplateUrl);
    }

    public sealed class FeeRow : Row
    {
        public string? Name { get; set; }
        public string? Kind { get; set; } = "flat";

        /// <summary>Empty: the amount is set by the province and asked for during processing.</summary>
        public string? AmountVnd { get; set; }

        public string? CapVnd { get; set; }
        public string? MinimumVnd { get; set; }
        public string? LaterPagesFrom { get; set; }
        public string? LaterPageVnd { get; set; }
        public string? Note { get; set; }

        public override bool IsBlank => Blank(Name, AmountVnd, CapVnd, MinimumVnd, LaterPagesFrom, LaterPageVnd, Note);
    }

    public sealed class FieldRow : Row
    {
        public string? Key { get; set; }
        public string? Label { get; set; }
        public string? LabelEn { get; set; }
        public string? Type { get; set; } = "text";
        public bool Required { get; set; }

        /// <summary>The choices of a list, one a line.</summary>
        public string? Options { get; set; }

        public string? WhenField { get; set; }
        public string? WhenValue { get; set; }
        public string? MaxLength { get; set; }
        public string? Min { get; set; }
        public string? Max { get; set; }
        public string? Hint { get; set; }

        public override bool IsBlank => Blank(Key, Label, LabelEn, Options, WhenField, WhenValue, MaxLength, Min, Max, Hint);
    }

    public sealed class RuleRow : Row
    {
        public string? Rule { get; set; } = "not-in-future";
        public string? Field { get; set; }
        public string? Other { get; set; }
        public string? Min { get; set; }
        public string? Max { get; set; }
        public string? Message { get; set; }
        public string? MessageEn { get; set; }

        public override bool IsBlank => Blank(Field, Other, Min, Max, Message, MessageEn);
    }

    public sealed class StepRow : Row
    {
        public string? Name { get; set; }
        public string? Role { get; set; } = "Handler";
        public string? Hours { get; set; }
        public string? Agency { get; set; } = CatalogueFile.ReceivingAgency;

        public override bool IsBlank => Blank(Name, Hours);
    }

    /// <summary>Drops blank and removed rows and puts the others in the order typed (then as listed).</summary>
    public ProcedureEditorInput Compact()
    {
        Documents = Sorted(Documents);
        Fees = Sorted(Fees);
        Fields = Sorted(Fields);
        Rules = Sorted(Rules);
        Steps = Sorted(Steps);
        return this;
    }

    /// <summary>The sections the editor's "more rows" buttons name, and how many rows each press adds.</summary>
    public static readonly IReadOnlyList<string> Sections = ["documents", "fees", "fields", "rules", "steps"];

    public const int RowsPerPress = 3;

    /// <summary>
    /// Blank rows to type into, after the filled ones (the editor needs no script to add a row); <paramref name="more"/>
    /// names a section that gets <see cref="RowsPerPress"/> more, for a form longer than the blank rows offered.
    /// </summary>
    public ProcedureEditorInput WithBlankRows(string? more = null)
    {
        int Extra(string section) => string.Equals(more, section, StringComparison.Ordinal) ? RowsPerPress : 0;
        FirstBlank = more switch
        {
            "documents" => $"Documents_{Documents.Count}_Name",
            "fees" => $"Fees_{Fees.Count}_Name",
            "fields" => $"Fields_{Fields.Count}_Key",
            "rules" => $"Rules_{Rules.Count}_Rule",
            "steps" => $"Steps_{Steps.Count}_Name",
            _ => null,
        };
        Pad(Documents, 2 + Extra("documents"), n => new DocumentRow { Order = n });
        Pad(Fees, 1 + Extra("fees"), n => new FeeRow { Order = n });
        Pad(Fields, 3 + Extra("fields"), n => new FieldRow { Order = n });
        Pad(Rules, 1 + Extra("rules"), n => new RuleRow { Order = n });
        Pad(Steps, 2 + Extra("steps"), n => new StepRow { Order = n });
        return this;
    }

    /// <summary>The id of the input the editor focuses after "more rows": the first of the section's new blank rows.</summary>
    public string? FirstBlank { get; private set; }

    private static void Pad<T>(List<T> rows, int blanks, Func<string, T> make)
    {
        for (var i = 0; i < blanks; i++)
        {
            rows.Add(make((rows.Count + 1).ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static List<T> Sorted<T>(List<T> rows) where T : Row
    {
        var kept = rows.Select((r, i) => (Row: r, Index: i)).Where(x => x.Row is { Remove: false, IsBlank: false })
            .OrderBy(x => int.TryParse(x.Row.Order, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)
            .ThenBy(x => x.Index).Select(x => x.Row).ToList();
        for (var i = 0; i < kept.Count; i++)
        {
            kept[i].Order = (i + 1).ToString(CultureInfo.InvariantCulture);
        }

        return kept;
    }

    /// <summary>The catalogue file this input describes (call <see cref="Compact"/> first).</summary>
    public string ToCatalogueJson(JsonNode? offeredAt)
    {
        var root = new JsonObject
        {
            ["formatVersion"] = CatalogueFile.FormatVersion,
            ["code"] = Text(Code),
            ["name"] = Text(Name),
            ["sector"] = new JsonObject { ["code"] = Text(SectorCode), ["name"] = Text(SectorName) },
            ["level"] = Text(Level),
            ["serviceType"] = Text(ServiceType),
            ["result"] = new JsonObject { ["isDocument"] = ResultIsDocument, ["description"] = Text(ResultDescription) },
            ["legalBasis"] = new JsonArray([.. Lines(LegalBasis).Select(l => (JsonNode?)l)]),
            ["timeLimit"] = Object(("value", Number(TimeLimitValue)), ("unit", Text(TimeLimitUnit)), ("note", Optional(TimeLimitNote))),
            ["effectiveFrom"] = Text(EffectiveFrom),
            ["documents"] = new JsonArray([.. Documents.Select(d => (JsonNode?)Object(("name", Text(d.Name)), ("form", Text(d.Form)),
                ("count", Number(d.Count)), ("mandatory", d.Mandatory), ("allowDocx", d.AllowDocx), ("templateUrl", Optional(d.TemplateUrl))))]),
            ["fees"] = new JsonArray([.. Fees.Select(f => (JsonNode?)Fee(f))]),
            ["form"] = new JsonObject
            {
                ["fields"] = new JsonArray([.. Fields.Select(f => (JsonNode?)Field(f))]),
                ["rules"] = new JsonArray([.. Rules.Select(r => (JsonNode?)Object(("rule", Text(r.Rule)), ("field", Text(r.Field)),
                    ("other", Optional(r.Other)), ("min", Bound(r.Min)), ("max", Bound(r.Max)), ("message", Optional(r.Message)),
                    ("messageEn", Optional(r.MessageEn))))]),
            },
            ["steps"] = new JsonArray([.. Steps.Select(s => (JsonNode?)Object(("name", Text(s.Name)), ("role", Text(s.Role)),
                ("hours", Number(s.Hours)), ("agency", Text(string.IsNullOrWhiteSpace(s.Agency) ? CatalogueFile.ReceivingAgency : s.Agency))))]),
            ["offeredAt"] = offeredAt ?? new JsonArray(),
        };
        foreach (var (key, value) in new[] { ("agency", Agency), ("applicantTypes", ApplicantTypes), ("caveat", Caveat), ("source", Source) })
        {
            if (Optional(value) is { } text)
            {
                root[key] = text;
            }
        }

        return root.ToJsonString();
    }

    private static JsonObject Fee(FeeRow f)
    {
        var fee = Object(("name", Text(f.Name)), ("kind", Text(f.Kind)), ("capVnd", Number(f.CapVnd)), ("minimumVnd", Number(f.MinimumVnd)),
            ("note", Optional(f.Note)));
        // An empty amount is the file's null: set by the province.
        fee["amountVnd"] = Number(f.AmountVnd);
        if (!string.IsNullOrWhiteSpace(f.LaterPagesFrom) || !string.IsNullOrWhiteSpace(f.LaterPageVnd))
        {
            fee["laterPages"] = new JsonObject { ["from"] = Number(f.LaterPagesFrom), ["amountVnd"] = Number(f.LaterPageVnd) };
        }

        return fee;
    }

    private static JsonObject Field(FieldRow f)
    {
        var isDate = f.Type == "date";
        var field = Object(("key", Text(f.Key)), ("label", Text(f.Label)), ("labelEn", Text(f.LabelEn)), ("type", Text(f.Type)),
            ("required", f.Required), ("maxLength", Number(f.MaxLength)), ("min", isDate ? Optional(f.Min) : Number(f.Min)),
            ("max", isDate ? Optional(f.Max) : Number(f.Max)), ("hint", Optional(f.Hint)));
        if (Lines(f.Options) is { Count: > 0 } options)
        {
            field["options"] = new JsonArray([.. options.Select(o => (JsonNode?)o)]);
        }

        if (!string.IsNullOrWhiteSpace(f.WhenField))
        {
            field["visibleWhen"] = new JsonObject { ["field"] = Text(f.WhenField), ["value"] = f.WhenValue?.Trim() ?? string.Empty };
        }

        return field;
    }

    private static JsonObject Object(params (string Key, JsonNode? Value)[] members)
    {
        var o = new JsonObject();
        foreach (var (key, value) in members.Where(m => m.Value is not null))
        {
            o[key] = value;
        }

        return o;
    }

    /// <summary>What was typed; an empty box is an empty string, which the reader refuses where a value is required.</summary>
    private static JsonValue Text(string? value) => JsonValue.Create(Lf(value ?? string.Empty).Trim())!;

    /// <summary>A browser posts a textarea's line breaks as CR LF; the file has LF only.</summary>
    private static string Lf(string value) => value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static JsonValue? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : JsonValue.Create(Lf(value).Trim());

    /// <summary>A number when it reads as one (digits, dots or spaces as thousands separators), else the text, for the reader to refuse.</summary>
    private static JsonValue? Number(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var compact = value.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal);
        if (long.TryParse(compact.Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            && (!compact.Contains('.', StringComparison.Ordinal) || compact.Split('.').Skip(1).All(g => g.Length == 3)))
        {
            return JsonValue.Create(whole);
        }

        return decimal.TryParse(compact.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : JsonValue.Create(value.Trim());
    }

    /// <summary>A rule's bound: a number or a date (the reader knows which the field needs).</summary>
    private static JsonValue? Bound(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", out _) ? JsonValue.Create(value.Trim()) : Number(value);

    private static List<string> Lines(string? text) =>
        [.. (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>The editor's input for a definition: its catalogue file, read back field by field.</summary>
    public static ProcedureEditorInput From(CatalogueDefinition definition)
    {
        var root = JsonNode.Parse(CatalogueFile.Export(definition))!.AsObject();
        string? S(JsonNode? n) => n is null ? null : n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : n.ToJsonString();
        string? Num(JsonNode? n) => n?.GetValueKind() == JsonValueKind.Number ? n.ToJsonString() : S(n);
        var form = root["form"]!.AsObject();
        return new ProcedureEditorInput
        {
            Code = S(root["code"]),
            Name = S(root["name"]),
            SectorCode = S(root["sector"]?["code"]),
            SectorName = S(root["sector"]?["name"]),
            Level = S(root["level"]),
            Agency = S(root["agency"]),
            ApplicantTypes = S(root["applicantTypes"]),
            ServiceType = S(root["serviceType"]),
            ResultIsDocument = root["result"]?["isDocument"]?.GetValue<bool>() ?? true,
            ResultDescription = S(root["result"]?["description"]),
            LegalBasis = string.Join('\n', root["legalBasis"]!.AsArray().Select(S)),
            TimeLimitValue = Num(root["timeLimit"]?["value"]),
            TimeLimitUnit = S(root["timeLimit"]?["unit"]),
            TimeLimitNote = S(root["timeLimit"]?["note"]),
            EffectiveFrom = S(root["effectiveFrom"]),
            Caveat = S(root["caveat"]),
            Source = S(root["source"]),
            OfferEverywhere = definition.OfferedAt.Level is not null,
            Documents = [.. root["documents"]!.AsArray().Select((d, i) => new DocumentRow
            {
                Order = (i + 1).ToString(CultureInfo.InvariantCulture), Name = S(d!["name"]), Form = S(d["form"]), Count = Num(d["count"]),
                Mandatory = d["mandatory"]?.GetValue<bool>() ?? false, AllowDocx = d["allowDocx"]?.GetValue<bool>() ?? false, TemplateUrl = S(d["templateUrl"]),
            })],
            Fees = [.. root["fees"]!.AsArray().Select((f, i) => new FeeRow
            {
                Order = (i + 1).ToString(CultureInfo.InvariantCulture), Name = S(f!["name"]), Kind = S(f["kind"]), AmountVnd = Num(f["amountVnd"]),
                CapVnd = Num(f["capVnd"]), MinimumVnd = Num(f["minimumVnd"]), LaterPagesFrom = Num(f["laterPages"]?["from"]),
                LaterPageVnd = Num(f["laterPages"]?["amountVnd"]), Note = S(f["note"]),
            })],
            Fields = [.. form["fields"]!.AsArray().Select((f, i) => new FieldRow
            {
                Order = (i + 1).ToString(CultureInfo.InvariantCulture), Key = S(f!["key"]), Label = S(f["label"]), LabelEn = S(f["labelEn"]), Type = S(f["type"]),
                Required = f["required"]?.GetValue<bool>() ?? false, Options = f["options"] is JsonArray o ? string.Join('\n', o.Select(S)) : null,
                WhenField = S(f["visibleWhen"]?["field"]), WhenValue = S(f["visibleWhen"]?["value"]), MaxLength = Num(f["maxLength"]),
                Min = Num(f["min"]), Max = Num(f["max"]), Hint = S(f["hint"]),
            })],
            Rules = [.. (form["rules"]?.AsArray() ?? []).Select((r, i) => new RuleRow
            {
                Order = (i + 1).ToString(CultureInfo.InvariantCulture), Rule = S(r!["rule"]), Field = S(r["field"]), Other = S(r["other"]),
                Min = Num(r["min"]), Max = Num(r["max"]), Message = S(r["message"]), MessageEn = S(r["messageEn"]),
            })],
            Steps = [.. root["steps"]!.AsArray().Select((s, i) => new StepRow
            {
                Order = (i + 1).ToString(CultureInfo.InvariantCulture), Name = S(s!["name"]), Role = S(s["role"]), Hours = Num(s["hours"]), Agency = S(s["agency"]),
            })],
        };
    }
}
