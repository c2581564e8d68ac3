using Portal.Core.Catalog;
using Portal.Core.Filing;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Admin.Models;

public sealed record ProcedureListPage(string? Query, int? SectorId, AgencyLevel? Level, ProcedureCatalogue.Search Result, IReadOnlyList<Sector> Sectors);

public sealed record ProcedurePage(ProcedureCatalogue.Details Details, DateOnly Today, DateOnly? PublishOn = null)
{
    /// <summary>The date the publish form proposes: what was typed, else the draft's planned date if it has not passed, else today.</summary>
    public DateOnly ProposedDate => PublishOn ?? (Details.Procedure.Draft is { } d && d.EffectiveFrom > Today ? d.EffectiveFrom : Today);
}

/// <summary>The editor of a new procedure (<see cref="Details"/> null) or of the next version of one.</summary>
public sealed record ProcedureEditorPage(ProcedureCatalogue.Details? Details, ProcedureEditorInput Input, IReadOnlyList<Sector> Sectors,
    IReadOnlyList<AgencyDirectory.Option> Agencies)
{
    public bool IsNew => Details is null;
}

public sealed record ProcedurePreviewPage(Procedure Procedure, ProcedureVersion Draft, FormAnswers Answers, bool Checked);

public sealed record ProcedureImportPage(string? FileName, IReadOnlyList<string> Errors);

/// <summary>The words of the catalogue's vocabulary (the file's values) on the administration's pages.</summary>
public static class ProcedureText
{
    public static string LevelKey(AgencyLevel level) => level switch
    {
        AgencyLevel.Province => "province",
        AgencyLevel.Department => "department",
        _ => "commune",
    };

    public static IReadOnlyList<(string Value, string Label)> Levels =>
    [
        ("commune", Bilingual.T("Cấp xã (xã, phường, đặc khu)", "Commune level (commune, ward, special zone)")),
        ("department", Bilingual.T("Sở, ban, ngành", "Department")),
        ("province", Bilingual.T("UBND tỉnh, thành phố", "Province")),
    ];

    public static IReadOnlyList<(string Value, string Label)> ServiceTypes =>
    [
        ("full-online", Bilingual.T("Toàn trình", "Fully online")),
        ("partial-online", Bilingual.T("Một phần", "Partly online")),
        ("information-only", Bilingual.T("Chỉ cung cấp thông tin", "Information only")),
    ];

    public static IReadOnlyList<(string Value, string Label)> Units =>
    [
        ("working-days", Bilingual.T("ngày làm việc", "working days")),
        ("working-hours", Bilingual.T("giờ làm việc", "working hours")),
        ("days", Bilingual.T("ngày (theo lịch)", "calendar days")),
        ("months", Bilingual.T("tháng", "months")),
    ];

    public static IReadOnlyList<(string Value, string Label)> DocumentForms =>
    [
        ("original", Bilingual.T("Bản chính", "Original")),
        ("certified-copy", Bilingual.T("Bản sao chứng thực", "Certified copy")),
        ("copy", Bilingual.T("Bản sao", "Copy")),
    ];

    public static IReadOnlyList<(string Value, string Label)> FeeKinds =>
    [
        ("flat", Bilingual.T("Một mức cho hồ sơ", "One amount per dossier")),
        ("per-copy", Bilingual.T("Theo bản", "Per copy")),
        ("per-page", Bilingual.T("Theo trang", "Per page")),
    ];

    public static IReadOnlyList<(string Value, string Label)> FieldTypes =>
    [
        ("text", Bilingual.T("Chữ", "Text")),
        ("textarea", Bilingual.T("Đoạn văn", "Paragraph")),
        ("number", Bilingual.T("Số", "Number")),
        ("date", Bilingual.T("Ngày", "Date")),
        ("select", Bilingual.T("Danh sách chọn", "List")),
        ("checkbox", Bilingual.T("Ô đánh dấu", "Checkbox")),
        ("address", Bilingual.T("Địa chỉ", "Address")),
        ("citizen-id", Bilingual.T("Số CCCD", "Citizen ID")),
        ("tax-code", Bilingual.T("Mã số thuế", "Tax code")),
        ("phone", Bilingual.T("Điện thoại", "Phone")),
        ("email", Bilingual.T("Thư điện tử", "E-mail")),
    ];

    public static IReadOnlyList<(string Value, string Label)> RuleKinds =>
    [
        ("not-in-future", Bilingual.T("Ngày không sau hôm nay", "Date not after today")),
        ("not-in-past", Bilingual.T("Ngày không trước hôm nay", "Date not before today")),
        ("range", Bilingual.T("Trong khoảng", "Within a range")),
        ("before", Bilingual.T("Trước trường khác", "Before another field")),
        ("not-after", Bilingual.T("Không sau trường khác", "Not after another field")),
    ];

    public static IReadOnlyList<(string Value, string Label)> StepRoles =>
    [
        ("Reception", Bilingual.T("Tiếp nhận", "Reception")),
        ("Handler", Bilingual.T("Chuyên viên xử lý", "Handler")),
        ("Approver", Bilingual.T("Lãnh đạo phê duyệt", "Approver")),
    ];

    public static string State(ProcedureVersionState state) => state == ProcedureVersionState.Draft
        ? Bilingual.T("Bản nháp", "Draft")
        : Bilingual.T("Đã công bố", "Published");

    /// <summary>Where in the editor a catalogue file's field path points, in the page's words.</summary>
    public static string Where(string path)
    {
        var m = System.Text.RegularExpressions.Regex.Match(path, @"^(documents|fees|form\.fields|form\.rules|steps)\[(\d+)\](?:\.(.+))?$");
        if (m.Success)
        {
            var n = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
            var what = m.Groups[1].Value switch
            {
                "documents" => Bilingual.T($"Giấy tờ {n}", $"Document {n}"),
                "fees" => Bilingual.T($"Phí, lệ phí {n}", $"Fee {n}"),
                "form.fields" => Bilingual.T($"Trường {n} của tờ khai", $"Form field {n}"),
                "form.rules" => Bilingual.T($"Quy tắc {n} của tờ khai", $"Form rule {n}"),
                _ => Bilingual.T($"Bước {n}", $"Step {n}"),
            };
            return m.Groups[3].Success ? $"{what} ({m.Groups[3].Value})" : what;
        }

        return path.Split('.')[0] switch
        {
            "" => Bilingual.T("Thủ tục", "Procedure"),
            "code" => Bilingual.T("Mã thủ tục", "Procedure code"),
            "name" => Bilingual.T("Tên thủ tục", "Name"),
            "sector" => Bilingual.T("Lĩnh vực", "Sector"),
            "level" => Bilingual.T("Cấp thực hiện", "Level"),
            "serviceType" => Bilingual.T("Mức độ dịch vụ", "Service type"),
            "result" => Bilingual.T("Kết quả", "Result"),
            "legalBasis" => Bilingual.T("Căn cứ pháp lý", "Legal basis"),
            "timeLimit" => Bilingual.T("Thời hạn giải quyết", "Time limit"),
            "effectiveFrom" => Bilingual.T("Ngày có hiệu lực", "Effective date"),
            "documents" => Bilingual.T("Thành phần hồ sơ", "Documents"),
            "fees" => Bilingual.T("Phí, lệ phí", "Fees"),
            "form" => Bilingual.T("Tờ khai", "Form"),
            "steps" => Bilingual.T("Quy trình xử lý", "Processing steps"),
            "offeredAt" => Bilingual.T("Nơi thực hiện", "Where offered"),
            var other => other,
        };
    }
}
