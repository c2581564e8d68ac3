using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Core.Calendar;
using Portal.Core.Dossiers;

namespace Portal.Core.Catalog;

/// <summary>Where a procedure is offered: every agency of a level (<c>{"level": "commune"}</c>), or the agencies named.</summary>
public sealed record CatalogueOffering(AgencyLevel? Level, IReadOnlyList<string> AgencyCodes)
{
    public static CatalogueOffering AtLevel(AgencyLevel level) => new(level, []);

    public static CatalogueOffering At(params string[] codes) => new(null, codes);

    public bool Includes(Agency agency) => Level is { } level ? agency.Level == level : AgencyCodes.Contains(agency.Code, StringComparer.Ordinal);
}

/// <summary>One procedure as a catalogue file describes it (docs/CATALOGUE.md): the version's facts, its sector and where it is offered.</summary>
public sealed record CatalogueDefinition(
    string Code,
    string SectorCode,
    string SectorName,
    AgencyLevel Level,
    ProcedureVersionFacts Facts,
    CatalogueOffering OfferedAt);

/// <summary>
/// What is wrong in a catalogue file, with the JSON path of the field (e.g. <c>form.fields[3].type</c>): <see cref="Message"/>
/// in English (the start-up log), <see cref="MessageVi"/> in Vietnamese. Both quote the file's own field names and values.
/// </summary>
public sealed record CatalogueError(string FileName, string? Code, string Path, string Message, string MessageVi)
{
    /// <summary>The whole error in one language, file, procedure and field included: one line of an import page.</summary>
    public string Describe(bool vietnamese) => vietnamese
        ? $"tệp danh mục {FileName}, thủ tục {Code ?? "?"}, trường {(Path.Length == 0 ? "(gốc)" : Path)}: {MessageVi}"
        : $"catalogue file {FileName}, procedure {Code ?? "?"}, field {(Path.Length == 0 ? "(root)" : Path)}: {Message}";

    public override string ToString() => Describe(vietnamese: false);
}

/// <summary>Either a definition or the errors that stop it from being one.</summary>
public sealed record CatalogueParseResult(CatalogueDefinition? Definition, IReadOnlyList<CatalogueError> Errors)
{
    public bool IsValid => Definition is not null;
}

/// <summary>
/// The catalogue file format, version <see cref="FormatVersion"/>: one procedure per JSON file (schema:
/// docs/catalogue.schema.json). <see cref="Parse"/> validates a file into a <see cref="CatalogueDefinition"/> and names every
/// bad field; <see cref="Export"/> writes a definition back in the same form, so that parse ∘ export is the identity.
/// </summary>
public static partial class CatalogueFile
{
    public const int FormatVersion = 1;

    /// <summary>The agency of a step that is the dossier's own receiving agency (no hand-off).</summary>
    public const string ReceivingAgency = "receiving";

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly (string Name, AgencyLevel Value)[] Levels = [("province", AgencyLevel.Province), ("department", AgencyLevel.Department), ("commune", AgencyLevel.Commune)];
    private static readonly (string Name, ServiceType Value)[] ServiceTypes = [("full-online", ServiceType.FullOnline), ("partial-online", ServiceType.PartialOnline), ("information-only", ServiceType.InformationOnly)];
    private static readonly (string Name, TimeLimitUnit Value)[] Units = [("working-days", TimeLimitUnit.WorkingDays), ("working-hours", TimeLimitUnit.WorkingHours), ("days", TimeLimitUnit.Days), ("months", TimeLimitUnit.Months)];
    private static readonly (string Name, DocumentForm Value)[] DocumentForms = [("original", DocumentForm.Original), ("certified-copy", DocumentForm.CertifiedCopy), ("copy", DocumentForm.Copy)];
    private static readonly (string Name, FeeKind Value)[] FeeKinds = [("flat", FeeKind.Flat), ("per-copy", FeeKind.PerCopy), ("per-page", FeeKind.PerPage)];

    private static readonly (string Name, FormFieldType Value)[] FieldTypes =
    [
        ("text", FormFieldType.Text), ("number", FormFieldType.Number), ("date", FormFieldType.Date), ("select", FormFieldType.Select),
        ("checkbox", FormFieldType.Checkbox), ("textarea", FormFieldType.TextArea), ("address", FormFieldType.Address),
        ("citizen-id", FormFieldType.CitizenId), ("tax-code", FormFieldType.TaxCode), ("phone", FormFieldType.Phone), ("email", FormFieldType.Email),
    ];

    private static readonly (string Name, FormRuleKind Value)[] RuleKinds =
    [
        ("not-in-future", FormRuleKind.NotInFuture), ("not-in-past", FormRuleKind.NotInPast), ("range", FormRuleKind.Range),
        ("before", FormRuleKind.Before), ("not-after", FormRuleKind.NotAfter),
    ];

    [GeneratedRegex(@"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")]
    private static partial Regex AgencyCodePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex ProcedureCodePattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex FieldKeyPattern();

    /// <summary>Whether a string has the shape of a QCVN 102 agency code (<c>000.00.31.H31</c>).</summary>
    public static bool IsAgencyCode(string code) => AgencyCodePattern().IsMatch(code);

    /// <summary>Reads and validates one file; every error names the file, the procedure code (once known) and the field path.</summary>
    public static CatalogueParseResult Parse(string fileName, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            // The parser's own message is English only: the Vietnamese one says where, from the line and byte it reports.
            var at = e.LineNumber is { } line ? $" (dòng {line + 1}, vị trí {e.BytePositionInLine + 1})" : string.Empty;
            return new(null, [new CatalogueError(fileName, null, string.Empty, $"not valid JSON: {e.Message}", $"không phải là JSON hợp lệ{at}")]);
        }

        using (document)
        {
            var reader = new Reader(fileName);
            var definition = reader.ReadProcedure(document.RootElement);
            return reader.Errors.Count == 0 && definition is not null ? new(definition, []) : new(null, reader.Errors);
        }
    }

    /// <summary>The definition as a catalogue file (UTF-8 text, indented, Vietnamese unescaped).</summary>
    public static string Export(CatalogueDefinition definition) => Write(definition, withOffering: true);

    /// <summary>
    /// The content hash of a definition: SHA-256 of its export without <c>offeredAt</c> (where a procedure is offered is not
    /// part of a version). Two files that say the same thing have the same hash, whatever their whitespace or key order.
    /// </summary>
    public static string Hash(CatalogueDefinition definition) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Write(definition, withOffering: false))));

    private static string Write(CatalogueDefinition d, bool withOffering)
    {
        var f = d.Facts;
        var root = new Dictionary<string, object?>
        {
            ["formatVersion"] = FormatVersion,
            ["code"] = d.Code,
            ["name"] = f.Name,
            ["sector"] = new Dictionary<string, object?> { ["code"] = d.SectorCode, ["name"] = d.SectorName },
            ["level"] = NameOf(Levels, d.Level),
            ["agency"] = f.AgencyDescription,
            ["applicantTypes"] = f.ApplicantTypes,
            ["serviceType"] = NameOf(ServiceTypes, f.ServiceType),
            ["result"] = new Dictionary<string, object?> { ["isDocument"] = f.ResultIsDocument, ["description"] = f.ResultDescription },
            ["legalBasis"] = f.LegalBasis,
            ["timeLimit"] = WithoutNulls(new() { ["value"] = f.TimeLimit.Value, ["unit"] = NameOf(Units, f.TimeLimit.Unit), ["note"] = f.TimeLimitNote }),
            ["effectiveFrom"] = f.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["caveat"] = f.Caveat,
            ["source"] = f.Source,
            ["documents"] = f.Documents.Select(x => WithoutNulls(new()
            {
                ["name"] = x.Name,
                ["form"] = NameOf(DocumentForms, x.Form),
                ["count"] = x.Count,
                ["mandatory"] = x.Mandatory,
                ["allowDocx"] = x.AllowDocx,
                ["templateUrl"] = x.TemplateUrl,
            })).ToList(),
            ["fees"] = f.Fees.Select(x =>
            {
                var fee = new Dictionary<string, object?> { ["name"] = x.Name, ["kind"] = NameOf(FeeKinds, x.Kind), ["amountVnd"] = x.AmountVnd };
                AddIf(fee, "capVnd", x.CapVnd);
                AddIf(fee, "minimumVnd", x.MinimumVnd);
                if (x.LaterPagesFrom is { } from)
                {
                    fee["laterPages"] = new Dictionary<string, object?> { ["from"] = from, ["amountVnd"] = x.LaterPageVnd };
                }

                AddIf(fee, "note", x.Note);
                return fee;
            }).ToList(),
            ["form"] = new Dictionary<string, object?>
            {
                ["fields"] = f.Form.Select(WriteField).ToList(),
                ["rules"] = (f.FormRules ?? []).Select(r => WithoutNulls(new()
                {
                    ["rule"] = NameOf(RuleKinds, r.Kind),
                    ["field"] = r.Field,
                    ["other"] = r.Other,
                    ["min"] = RuleBound(f.Form, r, r.Min),
                    ["max"] = RuleBound(f.Form, r, r.Max),
                    ["message"] = r.Message,
                    ["messageEn"] = r.MessageEn,
                })).ToList(),
            },
            ["steps"] = f.Steps.Select(s => new Dictionary<string, object?>
            {
                ["name"] = s.Name,
                ["role"] = s.Role,
                ["hours"] = s.WorkingHours,
                ["agency"] = s.AgencyCode ?? ReceivingAgency,
            }).ToList(),
        };
        if (withOffering)
        {
            root["offeredAt"] = d.OfferedAt.Level is { } level
                ? new Dictionary<string, object?> { ["level"] = NameOf(Levels, level) }
                : d.OfferedAt.AgencyCodes;
        }

        // The optional facts are left out when empty (a new dictionary, so that the keys keep their order).
        string[] optional = ["agency", "applicantTypes", "caveat", "source"];
        root = root.Where(kv => kv.Value is not null || !optional.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        return JsonSerializer.Serialize(root, Pretty) + "\n";
    }

    private static Dictionary<string, object?> WriteField(FormField x)
    {
        var field = new Dictionary<string, object?>
        {
            ["key"] = x.Key,
            ["label"] = x.Label,
            ["labelEn"] = x.LabelEn,
            ["type"] = NameOf(FieldTypes, x.Type),
            ["required"] = x.Required,
        };
        if (x.Options is { } options)
        {
            field["options"] = options;
        }

        if (x.VisibleWhenField is { } when)
        {
            field["visibleWhen"] = new Dictionary<string, object?> { ["field"] = when, ["value"] = x.VisibleWhenValue };
        }

        AddIf(field, "maxLength", x.MaxLength);
        AddIf(field, "min", x.Min ?? (object?)x.MinDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        AddIf(field, "max", x.Max ?? (object?)x.MaxDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        AddIf(field, "hint", x.Hint);
        return field;
    }

    /// <summary>A range's bound as written: a JSON number for a number field, a date string for a date field.</summary>
    private static object? RuleBound(IReadOnlyList<FormField> form, FormRule rule, string? bound) =>
        bound is not null && form.FirstOrDefault(x => x.Key == rule.Field)?.Type == FormFieldType.Number
            && decimal.TryParse(bound, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
                ? n
                : bound;

    private static void AddIf(Dictionary<string, object?> map, string key, object? value)
    {
        if (value is not null)
        {
            map[key] = value;
        }
    }

    private static Dictionary<string, object?> WithoutNulls(Dictionary<string, object?> map) =>
        map.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);

    private static string NameOf<T>((string Name, T Value)[] table, T value) where T : struct =>
        table.Single(x => EqualityComparer<T>.Default.Equals(x.Value, value)).Name;

    /// <summary>Walks the JSON, collecting every error with its path instead of stopping at the first.</summary>
    private sealed class Reader(string fileName)
    {
        private string? _code;

        public List<CatalogueError> Errors { get; } = [];

        /// <summary>Every error in both languages, English first as in <see cref="CatalogueError"/>.</summary>
        private void Error(string path, string english, string vietnamese) => Errors.Add(new CatalogueError(fileName, _code, path, english, vietnamese));

        public CatalogueDefinition? ReadProcedure(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error(string.Empty, "a catalogue file is one JSON object", "tệp danh mục phải là một đối tượng JSON");
                return null;
            }

            // The code first, so that every later message names the procedure.
            if (root.TryGetProperty("code", out var codeElement) && codeElement.ValueKind == JsonValueKind.String)
            {
                _code = codeElement.GetString();
            }

            Known(root, string.Empty, "formatVersion", "code", "name", "sector", "level", "agency", "applicantTypes", "serviceType", "result",
                "legalBasis", "timeLimit", "effectiveFrom", "caveat", "source", "documents", "fees", "form", "steps", "offeredAt");
            var format = Int(root, string.Empty, "formatVersion", required: true);
            if (format is not null and not FormatVersion)
            {
                Error("formatVersion", $"unsupported format version {format} (this portal reads version {FormatVersion})",
                    $"phiên bản định dạng {format} không được hỗ trợ (cổng chỉ đọc được phiên bản {FormatVersion})");
                return null;
            }

            var code = String(root, string.Empty, "code", required: true, max: 40);
            if (code is not null && !ProcedureCodePattern().IsMatch(code))
            {
                Error("code", $"\"{code}\" is not a procedure code (letters, digits, dots, dashes, underscores; at most 40)",
                    $"\"{code}\" không phải là mã thủ tục hợp lệ (chỉ gồm chữ cái, chữ số, dấu chấm, dấu gạch ngang, dấu gạch dưới; tối đa 40 ký tự)");
            }

            var name = String(root, string.Empty, "name", required: true, max: 1000);
            string? sectorCode = null, sectorName = null;
            if (Object(root, string.Empty, "sector", required: true) is { } sector)
            {
                Known(sector, "sector", "code", "name");
                sectorCode = String(sector, "sector", "code", required: true, max: 40);
                sectorName = String(sector, "sector", "name", required: true, max: 400);
            }

            var level = Enum(root, string.Empty, "level", Levels, required: true);
            var agency = String(root, string.Empty, "agency", required: false, max: 1000);
            var applicantTypes = String(root, string.Empty, "applicantTypes", required: false, max: 1000);
            var service = Enum(root, string.Empty, "serviceType", ServiceTypes, required: true);
            bool? isDocument = null;
            string? resultDescription = null;
            if (Object(root, string.Empty, "result", required: true) is { } result)
            {
                Known(result, "result", "isDocument", "description");
                isDocument = Bool(result, "result", "isDocument", required: true);
                resultDescription = String(result, "result", "description", required: true, max: 4000);
            }

            var legalBasis = Array(root, string.Empty, "legalBasis", required: true, (e, path) => e.ValueKind == JsonValueKind.String && e.GetString()!.Trim().Length > 0
                ? e.GetString()
                : Fail<string>(path, "must be a non-empty string", "phải là chuỗi ký tự không rỗng"));

            TimeLimit? limit = null;
            string? limitNote = null;
            if (Object(root, string.Empty, "timeLimit", required: true) is { } time)
            {
                Known(time, "timeLimit", "value", "unit", "note");
                var value = Int(time, "timeLimit", "value", required: true, min: 0);
                var unit = Enum(time, "timeLimit", "unit", Units, required: true);
                limitNote = String(time, "timeLimit", "note", required: false, max: 4000);
                if (value is { } v && unit is { } u)
                {
                    limit = new TimeLimit(v, u);
                }
            }

            var effective = Date(root, string.Empty, "effectiveFrom", required: true);
            var caveat = String(root, string.Empty, "caveat", required: false, max: 4000);
            var source = String(root, string.Empty, "source", required: false, max: 2000);
            var documents = Array(root, string.Empty, "documents", required: true, ReadDocument);
            var fees = Array(root, string.Empty, "fees", required: true, ReadFee);
            List<FormField>? fields = null;
            List<FormRule>? rules = null;
            if (Object(root, string.Empty, "form", required: true) is { } form)
            {
                Known(form, "form", "fields", "rules");
                fields = Array(form, "form", "fields", required: true, ReadField);
                if (fields is not null)
                {
                    CheckFields(fields);
                    rules = Array(form, "form", "rules", required: false, (e, path) => ReadRule(e, path, fields)) ?? [];
                }
            }

            var steps = Array(root, string.Empty, "steps", required: true, ReadStep);
            if (steps is { Count: 0 } && service != ServiceType.InformationOnly)
            {
                Error("steps", "a procedure that can be filed needs at least one processing step",
                    "thủ tục có tiếp nhận hồ sơ phải có ít nhất một bước xử lý");
            }

            var offering = ReadOffering(root);
            if (Errors.Count > 0 || code is null || name is null || sectorCode is null || sectorName is null || level is null || service is null
                || isDocument is null || resultDescription is null || legalBasis is null || limit is null || effective is null || documents is null
                || fees is null || fields is null || rules is null || steps is null || offering is null)
            {
                return null;
            }

            var facts = new ProcedureVersionFacts(name, effective.Value, service.Value, limit.Value, limitNote, fees, documents, isDocument.Value,
                resultDescription, legalBasis, fields, steps, applicantTypes, caveat, source, rules, agency);
            return new CatalogueDefinition(code, sectorCode, sectorName, level.Value, facts, offering);
        }

        private RequiredDocument? ReadDocument(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            Known(e, path, "name", "form", "count", "mandatory", "allowDocx", "templateUrl");
            var name = String(e, path, "name", required: true, max: 2000);
            var form = Enum(e, path, "form", DocumentForms, required: true);
            var count = Int(e, path, "count", required: true, min: 1, max: 100);
            var mandatory = Bool(e, path, "mandatory", required: true);
            var docx = Bool(e, path, "allowDocx", required: false) ?? false;
            var template = String(e, path, "templateUrl", required: false, max: 2000);
            return name is null || form is null || count is null || mandatory is null ? null : new RequiredDocument(name, form.Value, count.Value, mandatory.Value, template, docx);
        }

        private Fee? ReadFee(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            Known(e, path, "name", "kind", "amountVnd", "capVnd", "minimumVnd", "laterPages", "note");
            var name = String(e, path, "name", required: true, max: 1000);
            var kind = Enum(e, path, "kind", FeeKinds, required: true);
            long? amount = null;
            if (!e.TryGetProperty("amountVnd", out var amountElement))
            {
                Error(Join(path, "amountVnd"), "is required (null when the province sets the amount)",
                    "bắt buộc phải có (ghi null nếu mức thu do tỉnh quy định)");
            }
            else if (amountElement.ValueKind != JsonValueKind.Null)
            {
                amount = Long(e, path, "amountVnd");
            }

            var cap = Long(e, path, "capVnd");
            var minimum = Long(e, path, "minimumVnd");
            if (cap is not null && minimum is not null && minimum > cap)
            {
                Error(Join(path, "minimumVnd"), $"minimum {minimum} is above the cap {cap}", $"mức thu tối thiểu {minimum} lớn hơn mức thu tối đa {cap}");
            }

            int? laterFrom = null;
            long? laterAmount = null;
            if (Object(e, path, "laterPages", required: false) is { } later)
            {
                var laterPath = Join(path, "laterPages");
                Known(later, laterPath, "from", "amountVnd");
                laterFrom = Int(later, laterPath, "from", required: true, min: 2);
                laterAmount = Long(later, laterPath, "amountVnd");
                if (laterAmount is null && laterFrom is not null)
                {
                    Error(Join(laterPath, "amountVnd"), "is required", "bắt buộc phải có");
                }

                if (kind is { } k && k != FeeKind.PerPage)
                {
                    Error(laterPath, "only a per-page fee has a price for later pages",
                        "chỉ phí tính theo trang (per-page) mới có mức thu cho các trang tiếp theo");
                }
            }

            var note = String(e, path, "note", required: false, max: 4000);
            return name is null || kind is null ? null : new Fee(name, amount, note, kind.Value, cap, minimum, laterFrom, laterAmount);
        }

        private FormField? ReadField(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            Known(e, path, "key", "label", "labelEn", "type", "required", "options", "visibleWhen", "maxLength", "min", "max", "hint");
            var key = String(e, path, "key", required: true, max: 64);
            if (key is not null && !FieldKeyPattern().IsMatch(key))
            {
                Error(Join(path, "key"), $"\"{key}\" is not a field key (lower-case letters, digits and _, starting with a letter)",
                    $"\"{key}\" không phải là khóa trường hợp lệ (chỉ gồm chữ thường không dấu, chữ số và dấu _, bắt đầu bằng chữ cái)");
            }

            var label = String(e, path, "label", required: true, max: 400);
            var labelEn = String(e, path, "labelEn", required: true, max: 400);
            var type = Enum(e, path, "type", FieldTypes, required: true);
            var required = Bool(e, path, "required", required: true);
            var options = Array(e, path, "options", required: false, (o, p) => o.ValueKind == JsonValueKind.String && o.GetString()!.Length > 0
                ? o.GetString()
                : Fail<string>(p, "must be a non-empty string", "phải là chuỗi ký tự không rỗng"));
            if (type == FormFieldType.Select && options is not { Count: > 0 })
            {
                Error(Join(path, "options"), "a select field needs at least one option", "trường lựa chọn (select) phải có ít nhất một phương án");
            }
            else if (type is not null and not FormFieldType.Select && options is not null)
            {
                Error(Join(path, "options"), "only a select field has options", "chỉ trường lựa chọn (select) mới có danh sách phương án");
            }

            if (options is not null && options.Distinct(StringComparer.Ordinal).Count() != options.Count)
            {
                Error(Join(path, "options"), "options must be distinct", "các phương án không được trùng nhau");
            }

            string? whenField = null, whenValue = null;
            if (Object(e, path, "visibleWhen", required: false) is { } when)
            {
                var whenPath = Join(path, "visibleWhen");
                Known(when, whenPath, "field", "value");
                whenField = String(when, whenPath, "field", required: true, max: 64);
                whenValue = String(when, whenPath, "value", required: true, max: 400, allowEmpty: true);
            }

            var maxLength = Int(e, path, "maxLength", required: false, min: 1, max: 10_000);
            decimal? min = null, max = null;
            DateOnly? minDate = null, maxDate = null;
            foreach (var bound in new[] { "min", "max" })
            {
                if (!e.TryGetProperty(bound, out var b))
                {
                    continue;
                }

                var boundPath = Join(path, bound);
                if (type == FormFieldType.Number)
                {
                    if (b.ValueKind == JsonValueKind.Number && b.TryGetDecimal(out var n))
                    {
                        if (bound == "min")
                        {
                            min = n;
                        }
                        else
                        {
                            max = n;
                        }
                    }
                    else
                    {
                        Error(boundPath, "must be a number for a number field", "phải là số đối với trường kiểu số (number)");
                    }
                }
                else if (type == FormFieldType.Date)
                {
                    if (ParseDate(b) is { } d)
                    {
                        if (bound == "min")
                        {
                            minDate = d;
                        }
                        else
                        {
                            maxDate = d;
                        }
                    }
                    else
                    {
                        Error(boundPath, "must be a date written yyyy-MM-dd for a date field",
                            "phải là ngày theo định dạng yyyy-MM-dd đối với trường kiểu ngày (date)");
                    }
                }
                else if (type is not null)
                {
                    Error(boundPath, "only number and date fields have a minimum or maximum",
                        "chỉ trường kiểu số (number) và kiểu ngày (date) mới có giá trị tối thiểu, tối đa");
                }
            }

            if ((min is not null && max is not null && min > max) || (minDate is not null && maxDate is not null && minDate > maxDate))
            {
                Error(Join(path, "min"), "the minimum is above the maximum", "giá trị tối thiểu lớn hơn giá trị tối đa");
            }

            var hint = String(e, path, "hint", required: false, max: 400);
            return key is null || label is null || labelEn is null || type is null || required is null
                ? null
                : new FormField(key, label, labelEn, type.Value, required.Value, options, whenField, whenValue, maxLength, hint, min, max, minDate, maxDate);
        }

        private void CheckFields(List<FormField> fields)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                var path = $"form.fields[{i}]";
                if (!seen.Add(field.Key))
                {
                    Error(Join(path, "key"), $"the key \"{field.Key}\" is used twice", $"khóa \"{field.Key}\" đã được dùng cho một trường khác");
                }

                if (field.VisibleWhenField is null)
                {
                    continue;
                }

                var target = fields.FirstOrDefault(f => f.Key == field.VisibleWhenField);
                if (target is null)
                {
                    Error(Join(path, "visibleWhen.field"), $"no field \"{field.VisibleWhenField}\" in this form",
                        $"biểu mẫu này không có trường \"{field.VisibleWhenField}\"");
                }
                else if (target == field)
                {
                    Error(Join(path, "visibleWhen.field"), "a field cannot depend on itself", "một trường không thể phụ thuộc vào chính nó");
                }
                else if (target.Type == FormFieldType.Checkbox && field.VisibleWhenValue is not ("true" or "false"))
                {
                    Error(Join(path, "visibleWhen.value"), "a checkbox's value is \"true\" or \"false\"",
                        "giá trị của ô đánh dấu (checkbox) chỉ có thể là \"true\" hoặc \"false\"");
                }
                else if (target.Type == FormFieldType.Select && !(target.Options ?? []).Contains(field.VisibleWhenValue!))
                {
                    Error(Join(path, "visibleWhen.value"), $"\"{field.VisibleWhenValue}\" is not an option of \"{target.Key}\"",
                        $"\"{field.VisibleWhenValue}\" không phải là phương án của trường \"{target.Key}\"");
                }
            }
        }

        private FormRule? ReadRule(JsonElement e, string path, List<FormField> fields)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            Known(e, path, "rule", "field", "other", "min", "max", "message", "messageEn");
            var kind = Enum(e, path, "rule", RuleKinds, required: true);
            var key = String(e, path, "field", required: true, max: 64);
            var other = String(e, path, "other", required: kind is FormRuleKind.Before or FormRuleKind.NotAfter, max: 64);
            var message = String(e, path, "message", required: false, max: 400);
            var messageEn = String(e, path, "messageEn", required: false, max: 400);
            if ((message is null) != (messageEn is null))
            {
                Error(Join(path, message is null ? "message" : "messageEn"), "a rule's message is given in both languages or in neither",
                    "thông báo của quy tắc phải có đủ cả hai ngôn ngữ (message và messageEn) hoặc bỏ trống cả hai");
            }

            var field = key is null ? null : fields.FirstOrDefault(f => f.Key == key);
            if (key is not null && field is null)
            {
                Error(Join(path, "field"), $"no field \"{key}\" in this form", $"biểu mẫu này không có trường \"{key}\"");
            }

            string? min = null, max = null;
            switch (kind)
            {
                case FormRuleKind.NotInFuture or FormRuleKind.NotInPast:
                    if (field is { Type: not FormFieldType.Date })
                    {
                        Error(Join(path, "field"), $"\"{key}\" is not a date field", $"\"{key}\" không phải là trường kiểu ngày (date)");
                    }

                    break;
                case FormRuleKind.Range:
                    if (field is { Type: not (FormFieldType.Date or FormFieldType.Number) })
                    {
                        Error(Join(path, "field"), $"\"{key}\" is neither a number nor a date field",
                            $"\"{key}\" không phải là trường kiểu số (number) hay kiểu ngày (date)");
                    }

                    min = Bound(e, path, "min", field);
                    max = Bound(e, path, "max", field);
                    if (min is null && max is null)
                    {
                        Error(Join(path, "min"), "a range needs a minimum, a maximum or both",
                            "quy tắc khoảng giá trị (range) phải có giá trị tối thiểu, giá trị tối đa hoặc cả hai");
                    }

                    break;
                case FormRuleKind.Before or FormRuleKind.NotAfter:
                    var second = other is null ? null : fields.FirstOrDefault(f => f.Key == other);
                    if (other is not null && second is null)
                    {
                        Error(Join(path, "other"), $"no field \"{other}\" in this form", $"biểu mẫu này không có trường \"{other}\"");
                    }
                    else if (field is not null && second is not null
                        && (field.Type != second.Type || field.Type is not (FormFieldType.Date or FormFieldType.Number)))
                    {
                        Error(Join(path, "other"), "both fields must be dates, or both numbers",
                            "hai trường phải cùng là kiểu ngày (date) hoặc cùng là kiểu số (number)");
                    }

                    break;
            }

            if (kind is not FormRuleKind.Range && (e.TryGetProperty("min", out _) || e.TryGetProperty("max", out _)))
            {
                Error(Join(path, "min"), "only a range rule has a minimum or maximum",
                    "chỉ quy tắc khoảng giá trị (range) mới có giá trị tối thiểu, tối đa");
            }

            if (kind is not (FormRuleKind.Before or FormRuleKind.NotAfter) && other is not null)
            {
                Error(Join(path, "other"), "only before and not-after rules compare two fields",
                    "chỉ quy tắc before và not-after mới so sánh hai trường với nhau");
            }

            return kind is null || key is null ? null : new FormRule(kind.Value, key, other, min, max, message, messageEn);
        }

        private string? Bound(JsonElement e, string path, string name, FormField? field)
        {
            if (!e.TryGetProperty(name, out var b))
            {
                return null;
            }

            if (field?.Type == FormFieldType.Date)
            {
                if (ParseDate(b) is { } d)
                {
                    return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }

                Error(Join(path, name), "must be a date written yyyy-MM-dd", "phải là ngày theo định dạng yyyy-MM-dd");
                return null;
            }

            if (b.ValueKind == JsonValueKind.Number && b.TryGetDecimal(out var n))
            {
                return n.ToString(CultureInfo.InvariantCulture);
            }

            Error(Join(path, name), "must be a number", "phải là số");
            return null;
        }

        private ProcessingStep? ReadStep(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            Known(e, path, "name", "role", "hours", "agency");
            var name = String(e, path, "name", required: true, max: 400);
            var role = String(e, path, "role", required: true, max: 40);
            if (role is not null && !Roles.Officials.Contains(role, StringComparer.Ordinal))
            {
                Error(Join(path, "role"), $"unknown role \"{role}\" (one of {string.Join(", ", Roles.Officials)})",
                    $"vai trò \"{role}\" không hợp lệ (phải là một trong các giá trị: {string.Join(", ", Roles.Officials)})");
            }

            var hours = Int(e, path, "hours", required: true, min: 1, max: 100_000);
            var agency = String(e, path, "agency", required: true, max: 40);
            if (agency is not null && agency != ReceivingAgency && !IsAgencyCode(agency))
            {
                Error(Join(path, "agency"), $"\"{agency}\" is neither \"{ReceivingAgency}\" nor an agency code like 000.00.05.H31",
                    $"\"{agency}\" không phải là \"{ReceivingAgency}\" cũng không phải là mã cơ quan hợp lệ (dạng 000.00.05.H31)");
            }

            return name is null || role is null || hours is null || agency is null
                ? null
                : new ProcessingStep(name, role, hours.Value, agency == ReceivingAgency ? null : agency);
        }

        private CatalogueOffering? ReadOffering(JsonElement root)
        {
            if (!root.TryGetProperty("offeredAt", out var e))
            {
                Error("offeredAt", "is required: {\"level\": \"commune\"} or a list of agency codes",
                    "bắt buộc phải có: {\"level\": \"commune\"} hoặc danh sách mã cơ quan");
                return null;
            }

            if (e.ValueKind == JsonValueKind.Object)
            {
                Known(e, "offeredAt", "level");
                return Enum(e, "offeredAt", "level", Levels, required: true) is { } level ? CatalogueOffering.AtLevel(level) : null;
            }

            if (e.ValueKind == JsonValueKind.Array)
            {
                var codes = Array(root, string.Empty, "offeredAt", required: true, (c, p) => c.ValueKind == JsonValueKind.String && IsAgencyCode(c.GetString()!)
                    ? c.GetString()
                    : Fail<string>(p, $"{Shown(c)} is not an agency code like 000.00.05.H31",
                        $"{Shown(c)} không phải là mã cơ quan hợp lệ (dạng 000.00.05.H31)"));
                return codes is null ? null : new CatalogueOffering(null, codes);
            }

            Error("offeredAt", "must be {\"level\": \"commune\"} or a list of agency codes",
                "phải là {\"level\": \"commune\"} hoặc danh sách mã cơ quan");
            return null;
        }

        private T? Fail<T>(string path, string english, string vietnamese) where T : class
        {
            Error(path, english, vietnamese);
            return null;
        }

        private void Known(JsonElement e, string path, params string[] names)
        {
            foreach (var property in e.EnumerateObject().Where(p => !names.Contains(p.Name, StringComparer.Ordinal)))
            {
                Error(Join(path, property.Name), "unknown field", "trường không có trong định dạng tệp danh mục");
            }
        }

        private bool IsObject(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Error(path, "must be an object", "phải là một đối tượng JSON");
            return false;
        }

        private JsonElement? Object(JsonElement e, string path, string name, bool required)
        {
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Error(Join(path, name), "is required", "bắt buộc phải có");
                }

                return null;
            }

            return IsObject(value, Join(path, name)) ? value : null;
        }

        private List<T>? Array<T>(JsonElement e, string path, string name, bool required, Func<JsonElement, string, T?> read) where T : class
        {
            var at = Join(path, name);
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Error(at, "is required", "bắt buộc phải có");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Error(at, "must be a list", "phải là một danh sách");
                return null;
            }

            var before = Errors.Count;
            var items = value.EnumerateArray().Select((item, i) => read(item, $"{at}[{i}]")).ToList();
            return Errors.Count == before && items.All(i => i is not null) ? items.Select(i => i!).ToList() : null;
        }

        private string? String(JsonElement e, string path, string name, bool required, int max, bool allowEmpty = false)
        {
            var at = Join(path, name);
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Error(at, "is required", "bắt buộc phải có");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Error(at, "must be a string", "phải là chuỗi ký tự");
                return null;
            }

            var text = value.GetString()!;
            if (!allowEmpty && text.Trim().Length == 0)
            {
                Error(at, "must not be empty", "không được để trống");
                return null;
            }

            if (text.Length > max)
            {
                Error(at, $"is longer than {max} characters", $"vượt quá độ dài tối đa {max} ký tự");
                return null;
            }

            if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            {
                Error(at, "contains control characters (only line breaks and tabs are allowed)", "chứa ký tự điều khiển (chỉ cho phép xuống dòng và tab)");
                return null;
            }

            // Stored and compared as NFC, like everything typed into the portal.
            return text.Normalize(NormalizationForm.FormC);
        }

        private int? Int(JsonElement e, string path, string name, bool required, int min = int.MinValue, int max = int.MaxValue)
        {
            var at = Join(path, name);
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Error(at, "is required", "bắt buộc phải có");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n))
            {
                Error(at, "must be a whole number", "phải là số nguyên");
                return null;
            }

            if (n < min || n > max)
            {
                if (max == int.MaxValue)
                {
                    Error(at, $"must be at least {min}", $"phải từ {min} trở lên");
                }
                else
                {
                    Error(at, $"must be between {min} and {max}", $"phải trong khoảng từ {min} đến {max}");
                }

                return null;
            }

            return n;
        }

        private long? Long(JsonElement e, string path, string name)
        {
            var at = Join(path, name);
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < 0)
            {
                Error(at, "must be a whole number of đồng, 0 or more", "phải là số tiền nguyên tính bằng đồng, từ 0 trở lên");
                return null;
            }

            return n;
        }

        private bool? Bool(JsonElement e, string path, string name, bool required)
        {
            var at = Join(path, name);
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Error(at, "is required", "bắt buộc phải có");
                }

                return null;
            }

            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Error(at, "must be true or false", "phải là true hoặc false");
                return null;
            }

            return value.GetBoolean();
        }

        private DateOnly? Date(JsonElement e, string path, string name, bool required)
        {
            var at = Join(path, name);
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Error(at, "is required", "bắt buộc phải có");
                }

                return null;
            }

            if (ParseDate(value) is { } d)
            {
                return d;
            }

            Error(at, "must be a date written yyyy-MM-dd", "phải là ngày theo định dạng yyyy-MM-dd");
            return null;
        }

        private T? Enum<T>(JsonElement e, string path, string name, (string Name, T Value)[] table, bool required) where T : struct
        {
            var at = Join(path, name);
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Error(at, "is required", "bắt buộc phải có");
                }

                return null;
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            foreach (var (n, v) in table)
            {
                if (n == text)
                {
                    return v;
                }
            }

            var (what, whatVi) = name switch
            {
                "type" => ("type", "kiểu trường"),
                "rule" => ("rule", "quy tắc"),
                "kind" => ("kind", "loại phí"),
                "unit" => ("unit", "đơn vị thời hạn"),
                "form" => ("form", "hình thức giấy tờ"),
                _ => ("value", "giá trị"),
            };
            var names = string.Join(", ", table.Select(x => x.Name));
            Error(at, $"unknown {what} {Shown(value)} (one of {names})", $"{whatVi} {Shown(value)} không hợp lệ (phải là một trong các giá trị: {names})");
            return null;
        }

        /// <summary>A value as the file has it, Vietnamese unescaped.</summary>
        private static string Shown(JsonElement value) => value.ValueKind == JsonValueKind.String ? $"\"{value.GetString()}\"" : value.GetRawText();

        private static DateOnly? ParseDate(JsonElement value) =>
            value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : null;

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    }
}
