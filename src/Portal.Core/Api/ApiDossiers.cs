using System.ComponentModel;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Api;

/// <summary>What a client may see: every agency, or the agencies it was given and those merged into them.</summary>
public sealed record ApiReach(IReadOnlySet<int>? Agencies)
{
    public static async Task<ApiReach> OfAsync(PortalDb db, ApiClient client, CancellationToken ct)
    {
        if (client.AgencyIds.Count == 0)
        {
            return new ApiReach((IReadOnlySet<int>?)null);
        }

        var succession = await AgencySuccession.LoadAsync(db, ct);
        return new ApiReach(client.AgencyIds.SelectMany(succession.ActsFor).ToHashSet());
    }

    public bool Sees(int agencyId) => Agencies is null || Agencies.Contains(agencyId);
}

public sealed record ApiDossierFilter(string? Agency, string? Procedure, int? Status, DateOnly? ReceivedFrom, DateOnly? ReceivedTo, string? After, int? Limit);

/// <summary>
/// Dossiers for another system: a list with filters, paged by key (the dossier's id, ascending: new dossiers join at the
/// end, a page never shifts under the reader), and one dossier with its history and its documents' metadata. Drafts are
/// the applicant's own and never listed. A dossier outside the client's reach is answered like one that does not exist.
/// </summary>
public sealed class ApiDossiers(PortalDb db, CalendarProvider calendars)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<ApiDossierPage> ListAsync(ApiReach reach, ApiDossierFilter filter, CancellationToken ct)
    {
        var limit = Math.Clamp(filter.Limit ?? DefaultLimit, 1, MaxLimit);
        var query = db.Dossiers.AsNoTracking().Where(d => d.Status != DossierStatus.Draft);
        if (reach.Agencies is { } allowed)
        {
            var ids = allowed.ToArray();
            query = query.Where(d => ids.Contains(d.AgencyId));
        }

        if (!string.IsNullOrWhiteSpace(filter.Agency))
        {
            var code = filter.Agency.Trim();
            query = query.Where(d => db.Agencies.Any(a => a.Id == d.AgencyId && a.Code == code));
        }

        if (!string.IsNullOrWhiteSpace(filter.Procedure))
        {
            var code = filter.Procedure.Trim();
            query = query.Where(d => db.Procedures.Any(p => p.Id == d.ProcedureId && p.Code == code));
        }

        if (filter.Status is { } status)
        {
            var s = (DossierStatus)status;
            query = query.Where(d => d.Status == s);
        }

        if (filter.ReceivedFrom is not null || filter.ReceivedTo is not null)
        {
            // Days are local (Asia/Ho_Chi_Minh): [from 00:00, to + 1 00:00) in UTC.
            var calendar = await calendars.GetAsync(ct);
            if (filter.ReceivedFrom is { } from)
            {
                var start = calendar.ToUtc(from, TimeOnly.MinValue);
                query = query.Where(d => d.ReceivedAt >= start);
            }

            if (filter.ReceivedTo is { } to)
            {
                var end = calendar.ToUtc(to.AddDays(1), TimeOnly.MinValue);
                query = query.Where(d => d.ReceivedAt < end);
            }
        }

        if (Cursor(filter.After) is { } after)
        {
            query = query.Where(d => d.Id > after);
        }

        var rows = await query.OrderBy(d => d.Id).Take(limit + 1).Select(d => new
        {
            d.Id,
            d.Code,
            Procedure = db.Procedures.Where(p => p.Id == d.ProcedureId).Select(p => p.Code).First(),
            VersionNumber = db.ProcedureVersions.Where(v => v.Id == d.ProcedureVersionId).Select(v => v.Number).First(),
            Agency = db.Agencies.Where(a => a.Id == d.AgencyId).Select(a => a.Code).First(),
            d.Channel,
            d.Status,
            d.SubmittedAt,
            d.ReceivedAt,
            d.DueAt,
            d.FinishedAt,
            d.ResultReturnedAt,
            d.UpdatedAt,
            d.Version,
        }).ToListAsync(ct);
        var items = rows.Take(limit).Select(r => new ApiDossierSummary(r.Code ?? string.Empty, r.Procedure, r.VersionNumber, r.Agency, (int)r.Channel, (int)r.Status,
            r.SubmittedAt, r.ReceivedAt, r.DueAt, r.FinishedAt, r.ResultReturnedAt, r.UpdatedAt, r.Version)).ToList();
        return new ApiDossierPage(items, rows.Count > limit ? CursorOf(rows[limit - 1].Id) : null);
    }

    public async Task<ApiDossier?> FindAsync(ApiReach reach, string code, CancellationToken ct)
    {
        var clean = code.Trim().ToUpperInvariant();
        var dossier = await db.Dossiers.AsNoTracking().Include(d => d.History).Include(d => d.Documents)
            .SingleOrDefaultAsync(d => d.Code == clean && d.Status != DossierStatus.Draft, ct);
        if (dossier is null || !reach.Sees(dossier.AgencyId))
        {
            return null;
        }

        var procedure = await db.Procedures.AsNoTracking().Where(p => p.Id == dossier.ProcedureId).Select(p => new { p.Code, p.Name }).SingleAsync(ct);
        var version = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == dossier.ProcedureVersionId).Select(v => v.Number).SingleAsync(ct);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == dossier.AgencyId).Select(a => a.Code).SingleAsync(ct);
        return new ApiDossier(dossier.Code!, procedure.Code, procedure.Name, version, agency, (int)dossier.Channel, (int)dossier.Status,
            new ApiApplicant(dossier.Applicant.Kind.ToString(), dossier.Applicant.FullName),
            dossier.SubmittedAt, dossier.ReceivedAt, dossier.DueAt, dossier.FinishedAt, dossier.ResultReturnedAt, dossier.UpdatedAt,
            dossier.SupplementCount, dossier.HasElectronicResult, dossier.Version,
            [.. dossier.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new ApiHistoryEntry(h.At, (int)h.From, (int)h.To, h.Action, h.Role, h.Note))],
            [.. dossier.Documents.Where(d => !d.Quarantined).OrderBy(d => d.Id).Select(d => new ApiDocument(d.Id, d.Kind.ToString(), d.Title, d.FileName, d.ContentType, d.Size, d.Sha256, d.UploadedAt))]);
    }

    private static long? Cursor(string? after) =>
        long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static string CursorOf(long id) => id.ToString(CultureInfo.InvariantCulture);
}

[Description("Một trang hồ sơ. / One page of dossiers.")]
public sealed record ApiDossierPage(IReadOnlyList<ApiDossierSummary> Items,
    [property: Description("Truyền vào tham số after để lấy trang sau; trống ở trang cuối. / Pass as the after parameter for the next page; empty on the last page.")] string? Next);

[Description("Hồ sơ trong danh sách. / A dossier in a list.")]
public sealed record ApiDossierSummary(
    [property: Description("Mã hồ sơ (MaHoSo). / The dossier code (MaHoSo).")] string Code,
    [property: Description("Mã TTHC (MaTTHC). / The procedure code (MaTTHC).")] string Procedure,
    [property: Description("Phiên bản thủ tục của hồ sơ. / The procedure version it was filed under.")] int ProcedureVersion,
    [property: Description("Mã cơ quan (MaCoQuan). / The agency code (MaCoQuan).")] string Agency,
    [property: Description("KenhThucHien: 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích. / KenhThucHien: 1 in person, 2 online, 3 postal.")] int Channel,
    [property: Description("TrangThaiHoSo 1..10. / TrangThaiHoSo 1..10.")] int Status,
    DateTime? SubmittedAt,
    [property: Description("NgayTiepNhan (UTC). / NgayTiepNhan (UTC).")] DateTime? ReceivedAt,
    [property: Description("NgayHenTra (UTC). / NgayHenTra (UTC).")] DateTime? DueAt,
    [property: Description("NgayKetThucXuLy (UTC). / NgayKetThucXuLy (UTC).")] DateTime? FinishedAt,
    [property: Description("NgayTraKetQua (UTC). / NgayTraKetQua (UTC).")] DateTime? ResultReturnedAt,
    DateTime UpdatedAt,
    [property: Description("Phiên bản của hồ sơ, tăng sau mỗi thay đổi (ETag). / The dossier's version, moved by every change (the ETag).")] int Version);

[Description("Một hồ sơ với lịch sử và thông tin giấy tờ. / One dossier with its history and documents' metadata.")]
public sealed record ApiDossier(string Code, string Procedure, string ProcedureName, int ProcedureVersion, string Agency, int Channel, int Status,
    ApiApplicant Applicant, DateTime? SubmittedAt, DateTime? ReceivedAt, DateTime? DueAt, DateTime? FinishedAt, DateTime? ResultReturnedAt, DateTime UpdatedAt,
    [property: Description("SoLanBoSung. / SoLanBoSung.")] int SupplementCount,
    [property: Description("CoKetQuaDienTu. / CoKetQuaDienTu.")] bool HasElectronicResult,
    int Version, IReadOnlyList<ApiHistoryEntry> History, IReadOnlyList<ApiDocument> Documents);

public sealed record ApiApplicant(
    [property: Description("Person (cá nhân) hoặc Business (tổ chức). / Person or Business.")] string Kind,
    string Name);

[Description("Một lần đổi trạng thái. / One change of status.")]
public sealed record ApiHistoryEntry(DateTime At, int From, int To, string Action, string Role, string? Note);

[Description("Thông tin một giấy tờ (không có nội dung tệp). / A document's metadata (not its content).")]
public sealed record ApiDocument(long Id, string Kind, string Title, string FileName, string ContentType, long Size, string Sha256, DateTime UploadedAt);
