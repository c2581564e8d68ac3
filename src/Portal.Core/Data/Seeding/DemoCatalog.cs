using System.Text.Json;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Dossiers;

namespace Portal.Core.Data.Seeding;

/// <summary>
/// The demo catalogue of a province like Hải Phòng: its agencies after the 2025 reform (codes are illustrative,
/// QCVN 102 shaped), and the 30 real procedures of Resources/Catalog/procedures.json with their caveats,
/// each given an e-form and processing steps by sector.
/// </summary>
public static class DemoCatalog
{
    public sealed record AgencySeed(string Code, string Name, AgencyLevel Level, string? Address, params string[] Sectors);

    public const string ProvinceAgencyCode = "000.00.00.H31";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly AgencySeed Province = new(ProvinceAgencyCode, "Ủy ban nhân dân thành phố Hải Phòng", AgencyLevel.Province, "Số 18 Hoàng Diệu, phường Hồng Bàng, thành phố Hải Phòng");

    public static readonly IReadOnlyList<AgencySeed> Departments =
    [
        new("000.00.03.H31", "Sở Tài chính thành phố Hải Phòng", AgencyLevel.Department, "Trung tâm Phục vụ hành chính công thành phố Hải Phòng", "Thành lập và hoạt động của doanh nghiệp"),
        new("000.00.04.H31", "Sở Nội vụ thành phố Hải Phòng", AgencyLevel.Department, "Trung tâm Phục vụ hành chính công thành phố Hải Phòng", "Việc làm (lao động nước ngoài)", "Lao động, tiền lương"),
        new("000.00.05.H31", "Sở Nông nghiệp và Môi trường thành phố Hải Phòng", AgencyLevel.Department, "Trung tâm Phục vụ hành chính công thành phố Hải Phòng", "Đất đai"),
        new("000.00.06.H31", "Sở Y tế thành phố Hải Phòng", AgencyLevel.Department, "Trung tâm Phục vụ hành chính công thành phố Hải Phòng", "An toàn thực phẩm và dinh dưỡng", "Dược phẩm"),
        new("000.00.07.H31", "Sở Giáo dục và Đào tạo thành phố Hải Phòng", AgencyLevel.Department, "Trung tâm Phục vụ hành chính công thành phố Hải Phòng", "Giáo dục trung học", "Văn bằng, chứng chỉ"),
        new("000.00.08.H31", "Sở Văn hóa, Thể thao và Du lịch thành phố Hải Phòng", AgencyLevel.Department, "Trung tâm Phục vụ hành chính công thành phố Hải Phòng", "Văn hóa (kinh doanh dịch vụ văn hóa)"),
        new("000.00.09.H31", "Công an thành phố Hải Phòng", AgencyLevel.Department, "Trung tâm Phục vụ hành chính công thành phố Hải Phòng", "Lý lịch tư pháp", "Đường bộ (Giấy phép lái xe)"),
    ];

    public static readonly IReadOnlyList<AgencySeed> Communes =
    [
        new("000.20.01.H31", "Ủy ban nhân dân phường Hồng Bàng", AgencyLevel.Commune, "Trung tâm Phục vụ hành chính công phường Hồng Bàng"),
        new("000.20.02.H31", "Ủy ban nhân dân phường Lê Chân", AgencyLevel.Commune, "Trung tâm Phục vụ hành chính công phường Lê Chân"),
        new("000.20.03.H31", "Ủy ban nhân dân phường Ngô Quyền", AgencyLevel.Commune, "Trung tâm Phục vụ hành chính công phường Ngô Quyền"),
        new("000.20.04.H31", "Ủy ban nhân dân phường Hải An", AgencyLevel.Commune, "Trung tâm Phục vụ hành chính công phường Hải An"),
    ];

    /// <summary>The land-registration office that does the specialist steps of a commune's first certificate (liên thông).</summary>
    public const string LandOfficeCode = "000.00.05.H31";

    public static IReadOnlyList<SeedProcedure> LoadProcedures()
    {
        using var stream = typeof(DemoCatalog).Assembly.GetManifestResourceStream("Portal.Core.Resources.Catalog.procedures.json")
            ?? throw new InvalidOperationException("The embedded catalogue is missing.");
        var raw = JsonSerializer.Deserialize<List<RawProcedure>>(stream, Json)
            ?? throw new InvalidOperationException("The embedded catalogue is empty.");
        var local = 0;
        return [.. raw.Select(r =>
        {
            var code = r.NationalCode ?? $"31.DP.{++local:000}";
            var caveat = r.NationalCode is null
                ? "Chưa xác định mã TTHC quốc gia: mã đang dùng là mã tạm của tỉnh. " + r.Note
                : r.Note;
            var limit = new TimeLimit(r.TimeLimit.Value, r.TimeLimit.Unit switch
            {
                "working-days" => TimeLimitUnit.WorkingDays,
                "working-hours" => TimeLimitUnit.WorkingHours,
                "days" => TimeLimitUnit.Days,
                "months" => TimeLimitUnit.Months,
                _ => throw new InvalidOperationException($"Unknown unit {r.TimeLimit.Unit}"),
            });
            var service = r.ServiceType switch
            {
                "toan-trinh" => ServiceType.FullOnline,
                "mot-phan" => ServiceType.PartialOnline,
                _ => ServiceType.InformationOnly,
            };
            var documents = r.Documents.Select(d => new RequiredDocument(
                d.Name,
                d.Form switch { "certified-copy" => DocumentForm.CertifiedCopy, "copy" => DocumentForm.Copy, _ => DocumentForm.Original },
                Math.Max(1, d.Count),
                d.Required,
                null,
                d.Name.StartsWith("Tờ khai", StringComparison.Ordinal) || d.Name.StartsWith("Đơn", StringComparison.Ordinal))).ToList();
            var level = r.Level == "Cấp xã" ? AgencyLevel.Commune : AgencyLevel.Department;
            var facts = new ProcedureVersionFacts(
                r.Name, new DateOnly(2025, 7, 1), service, limit, r.TimeLimit.Note,
                [.. r.Fees.Select(f => new Fee(f.Name, f.AmountVnd, f.Note))],
                documents, r.ResultIsDocument, r.Result, r.LegalBasis,
                FormFor(r.Sector, r.Name), StepsFor(r.Sector, r.Name, limit, level),
                r.Agency, caveat, r.Source);
            return new SeedProcedure(code, r.Sector, level, facts);
        })];
    }

    public sealed record SeedProcedure(string Code, string Sector, AgencyLevel Level, ProcedureVersionFacts Facts);

    /// <summary>Processing steps sized to the legal limit: appraisal takes most of it, approval the rest.</summary>
    private static List<ProcessingStep> StepsFor(string sector, string name, TimeLimit limit, AgencyLevel level)
    {
        var totalHours = limit.Unit switch
        {
            TimeLimitUnit.WorkingDays => Math.Max(4, limit.Value * 8),
            TimeLimitUnit.WorkingHours => Math.Max(2, limit.Value),
            TimeLimitUnit.Days => Math.Max(8, limit.Value * 8 * 5 / 7),
            _ => Math.Max(8, limit.Value * 22 * 8),
        };
        if (sector == "Đất đai" && level == AgencyLevel.Commune)
        {
            // The commune receives and signs; the land-registration office appraises (inter-agency hand-off).
            return
            [
                new ProcessingStep("Chuyển Văn phòng đăng ký đất đai thẩm định hồ sơ", Roles.Handler, totalHours * 5 / 10, LandOfficeCode),
                new ProcessingStep("Công chức địa chính kiểm tra, dự thảo", Roles.Handler, totalHours * 3 / 10),
                new ProcessingStep("Lãnh đạo UBND ký Giấy chứng nhận", Roles.Approver, totalHours - (totalHours * 5 / 10) - (totalHours * 3 / 10)),
            ];
        }

        var appraise = Math.Max(1, totalHours * 6 / 10);
        var draft = Math.Max(1, totalHours * 2 / 10);
        return
        [
            new ProcessingStep(name.Contains("Chứng thực", StringComparison.Ordinal) ? "Kiểm tra, chứng thực" : "Thẩm định hồ sơ", Roles.Handler, appraise),
            new ProcessingStep("Dự thảo kết quả", Roles.Handler, draft),
            new ProcessingStep("Phê duyệt, ký kết quả", Roles.Approver, Math.Max(1, totalHours - appraise - draft)),
        ];
    }

    private static readonly string[] Relations = ["Bản thân", "Cha", "Mẹ", "Ông, bà", "Người giám hộ", "Người được ủy quyền", "Khác"];

    private static List<FormField> FormFor(string sector, string name)
    {
        List<FormField> fields = sector switch
        {
            "Hộ tịch" =>
            [
                new("subject_name", "Họ, chữ đệm, tên của người được đăng ký", "Full name of the person registered", FormFieldType.Text, true, MaxLength: 100),
                new("subject_dob", "Ngày, tháng, năm sinh", "Date of birth", FormFieldType.Date, !name.Contains("tử", StringComparison.Ordinal)),
                new("subject_gender", "Giới tính", "Sex", FormFieldType.Select, true, ["Nam", "Nữ"]),
                new("subject_residence", "Nơi cư trú", "Place of residence", FormFieldType.Address, true),
                new("relation", "Quan hệ với người được đăng ký", "Relationship to the person registered", FormFieldType.Select, true, Relations),
                new("relation_other", "Ghi rõ quan hệ", "State the relationship", FormFieldType.Text, true, VisibleWhenField: "relation", VisibleWhenValue: "Khác", MaxLength: 100),
                new("copies", "Số bản sao yêu cầu cấp", "Number of copies requested", FormFieldType.Number, false, Hint: "0–10"),
            ],
            "Hoạt động xây dựng" =>
            [
                new("site_address", "Địa điểm xây dựng", "Construction site", FormFieldType.Address, true),
                new("plot_no", "Thửa đất số", "Plot number", FormFieldType.Text, true, MaxLength: 20),
                new("map_sheet", "Tờ bản đồ số", "Map sheet", FormFieldType.Text, true, MaxLength: 20),
                new("floor_area", "Tổng diện tích sàn (m²)", "Total floor area (m²)", FormFieldType.Number, true),
                new("floors", "Số tầng", "Number of floors", FormFieldType.Number, true),
                new("building_class", "Cấp công trình", "Building class", FormFieldType.Select, true, ["Cấp III", "Cấp IV", "Nhà ở riêng lẻ"]),
            ],
            "Thành lập và hoạt động của doanh nghiệp" or "Thành lập và hoạt động của hộ kinh doanh" =>
            [
                new("business_name", "Tên doanh nghiệp / hộ kinh doanh", "Business name", FormFieldType.Text, true, MaxLength: 200),
                new("tax_code", "Mã số thuế (nếu đã có)", "Tax code (if any)", FormFieldType.TaxCode, name.Contains("thay đổi", StringComparison.Ordinal)),
                new("activities", "Ngành, nghề kinh doanh", "Business activities", FormFieldType.TextArea, true, MaxLength: 2000),
                new("capital", "Vốn đầu tư (đồng)", "Capital (VND)", FormFieldType.Number, true),
                new("head_office", "Địa chỉ trụ sở / địa điểm kinh doanh", "Registered address", FormFieldType.Address, true),
                new("contact_phone", "Điện thoại liên hệ", "Contact phone", FormFieldType.Phone, true),
                new("contact_email", "Thư điện tử", "Email", FormFieldType.Email, false),
            ],
            "Đất đai" =>
            [
                new("plot_no", "Thửa đất số", "Plot number", FormFieldType.Text, true, MaxLength: 20),
                new("map_sheet", "Tờ bản đồ số", "Map sheet", FormFieldType.Text, true, MaxLength: 20),
                new("land_address", "Địa chỉ thửa đất", "Address of the plot", FormFieldType.Address, true),
                new("area", "Diện tích (m²)", "Area (m²)", FormFieldType.Number, true),
                new("change_kind", "Loại biến động / nội dung đăng ký", "Kind of change", FormFieldType.Select, true, ["Chuyển nhượng", "Tặng cho", "Thừa kế", "Góp vốn", "Cho thuê", "Đăng ký lần đầu", "Khác"]),
                new("change_other", "Mô tả nội dung khác", "Describe the change", FormFieldType.TextArea, true, VisibleWhenField: "change_kind", VisibleWhenValue: "Khác", MaxLength: 1000),
            ],
            "Đăng ký, quản lý cư trú" =>
            [
                new("residence_address", "Địa chỉ đề nghị đăng ký", "Address to register", FormFieldType.Address, true),
                new("household_head_id", "Số định danh cá nhân của chủ hộ", "Personal ID of the head of household", FormFieldType.CitizenId, true),
                new("relation_to_head", "Quan hệ với chủ hộ", "Relationship to the head of household", FormFieldType.Text, true, MaxLength: 50),
                new("owner_consent", "Chủ sở hữu chỗ ở đã đồng ý cho đăng ký", "The owner of the dwelling agreed", FormFieldType.Checkbox, true),
            ],
            _ =>
            [
                new("request", "Nội dung đề nghị", "What you request", FormFieldType.TextArea, true, MaxLength: 2000),
                new("contact_address", "Địa chỉ liên hệ", "Contact address", FormFieldType.Address, true),
                new("contact_phone", "Điện thoại liên hệ", "Contact phone", FormFieldType.Phone, true),
            ],
        };
        fields.Add(new FormField("by_post", "Nhận kết quả qua bưu chính công ích", "Receive the result by public post", FormFieldType.Checkbox, false));
        fields.Add(new FormField("post_address", "Địa chỉ nhận kết quả", "Delivery address", FormFieldType.Address, true, VisibleWhenField: "by_post", VisibleWhenValue: "true"));
        return fields;
    }

    private sealed record RawProcedure(
        string? NationalCode, string Name, string Sector, string Level, string Agency, string ServiceType,
        RawLimit TimeLimit, List<RawFee> Fees, List<RawDocument> Documents, bool ResultIsDocument, string Result,
        List<string> LegalBasis, string? Source, string? Note);

    private sealed record RawLimit(int Value, string Unit, string? Note);

    private sealed record RawFee(string Name, long? AmountVnd, string? Note);

    private sealed record RawDocument(string Name, string Form, int Count, bool Required);
}
