using Portal.Core.Catalog;

namespace Portal.Core.Data.Seeding;

/// <summary>
/// The demo agencies of a province like Hải Phòng after the 2025 reform (codes are illustrative, QCVN 102 shaped). The
/// procedures are the catalogue's (Resources/Catalog/procedures/*.json, synced by <see cref="CatalogueSync"/>), offered
/// at these agencies by the rule of each file's <c>offeredAt</c>.
/// </summary>
public static class DemoCatalog
{
    /// <summary>An agency of the demo; <paramref name="Sectors"/> only documents what its catalogue files offer there.</summary>
    public sealed record AgencySeed(string Code, string Name, AgencyLevel Level, string? Address, params string[] Sectors);

    public const string ProvinceAgencyCode = "000.00.00.H31";

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
}
