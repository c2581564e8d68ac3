using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Documents.Pdf;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Links;
using Portal.Core.Notifications;

namespace Portal.Core.Documents.Forms;

/// <summary>
/// Mẫu 01 (Circular 01/2018/TT-VPCP), Giấy tiếp nhận hồ sơ và hẹn trả kết quả: code with a QR code to the public
/// lookup page, receiving unit, applicant, matter, the numbered documents received, sets, statutory time,
/// reception time, promised date, where to collect the result, lookup PIN and signatures.
/// </summary>
public sealed class Receipt01(CalendarProvider calendars, PublicUrls urls, IOptions<FilingOptions> filing) : IIssuedDocumentRenderer
{
    public const string DocumentType = "mau-01";

    public string Type => DocumentType;

    public async Task<IssuedDocument> RenderAsync(Dossier dossier, OutboxMessage message, PortalDb db, CancellationToken ct)
    {
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct);
        var procedureCode = await db.Procedures.Where(p => p.Id == dossier.ProcedureId).Select(p => p.Code).SingleAsync(ct);
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == dossier.AgencyId, ct);
        var parent = agency.ParentId is { } pid ? await db.Agencies.AsNoTracking().Where(a => a.Id == pid).Select(a => a.Name).SingleOrDefaultAsync(ct) : null;
        var documents = await db.DossierDocuments.AsNoTracking()
            .Where(d => d.DossierId == dossier.Id && (d.Kind == DocumentKind.Submitted || d.Kind == DocumentKind.Supplement)).ToListAsync(ct);
        var receivedBy = await db.DossierHistory.AsNoTracking()
            .Where(h => h.DossierId == dossier.Id && h.To == DossierStatus.Received).OrderBy(h => h.At).Select(h => h.ActorName).FirstOrDefaultAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        var received = calendar.ToLocal(dossier.ReceivedAt ?? message.CreatedAt);
        var promised = dossier.PromisedAt is { } p ? calendar.ToLocal(p) : (DateTime?)null;
        var place = filing.Value.PlaceName;
        var dateLine = string.Create(CultureInfo.InvariantCulture, $"{(place.Length > 0 ? place + ", n" : "N")}gày {received:dd} tháng {received:MM} năm {received:yyyy}");

        using var pdf = new PdfBuilder($"Giấy tiếp nhận hồ sơ và hẹn trả kết quả {dossier.Code}", baseSize: 11);
        pdf.NationalHeader(parent ?? agency.Name, parent is null ? "Bộ phận tiếp nhận và trả kết quả" : agency.Name, $"Số: {dossier.Code}", dateLine)
            .Title("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", $"Mã hồ sơ: {dossier.Code}")
            .QrRight(urls.Lookup(dossier.Code), 26, "Quét để tra cứu")
            .Paragraph($"Bộ phận tiếp nhận và trả kết quả: {agency.Name}")
            .Paragraph("Tiếp nhận hồ sơ của:")
            .Field(dossier.Applicant.Kind == ApplicantKind.Business ? "Tổ chức, doanh nghiệp" : "Ông/Bà", dossier.Applicant.FullName)
            .Field(dossier.Applicant.Kind == ApplicantKind.Business ? "Mã số thuế" : "Số CCCD", dossier.Applicant.IdNumber)
            .Field("Địa chỉ", dossier.Applicant.Address)
            .Field("Số điện thoại", dossier.Applicant.Phone)
            .Field("Thư điện tử", dossier.Applicant.Email)
            .Field("Nội dung yêu cầu giải quyết", $"{version.Name} (mã thủ tục {procedureCode})")
            .Field("Hình thức nộp", dossier.Channel.Vietnamese())
            .Paragraph("Thành phần hồ sơ nộp gồm:");
        var rows = dossier.ReceivedDocuments.Count > 0 ? CheckedRows(dossier.ReceivedDocuments) : DocumentRows(version, documents, paper: dossier.Channel != Channel.Online);
        pdf.Table(
            [new PdfColumn("STT", 0.6, TextAlign.Center), new PdfColumn("Tên giấy tờ", 5), new PdfColumn("Hình thức", 1.6, TextAlign.Center), new PdfColumn("Số lượng", 1, TextAlign.Center)],
            rows.Select((r, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), r.Name, r.Form, r.Count]))
            .Field("Số lượng hồ sơ", "01 bộ")
            .Field("Thời gian giải quyết theo quy định", version.TimeLimit.ToVietnamese())
            .Field("Thời gian tiếp nhận", string.Create(CultureInfo.InvariantCulture, $"{received:HH} giờ {received:mm} phút, ngày {received:dd/MM/yyyy}"))
            .Field("Thời gian trả kết quả", promised is { } pr ? string.Create(CultureInfo.InvariantCulture, $"{pr:HH} giờ {pr:mm} phút, ngày {pr:dd/MM/yyyy}") : null)
            .Field("Nơi nhận kết quả", dossier.Channel == Channel.Online && version.ServiceType == ServiceType.FullOnline
                ? $"Trực tuyến trên Cổng Dịch vụ công, hoặc tại {agency.Address ?? agency.Name}"
                : agency.Address ?? agency.Name)
            .Field("Mã tra cứu hồ sơ", dossier.LookupPin)
            .Paragraph("Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu tại trang tra cứu của Cổng Dịch vụ công hoặc quét mã QR.", italic: true, size: 10)
            .Space(6)
            .Signatures(("Người nộp hồ sơ", dossier.Applicant.FullName), ("Người tiếp nhận hồ sơ", receivedBy));
        var text = $"Kính gửi {dossier.Applicant.FullName},\n\nHồ sơ {dossier.Code} ({version.Name}) đã được tiếp nhận. "
            + $"Hẹn trả kết quả: {promised?.ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "—"}. Mã tra cứu: {dossier.LookupPin}.\n"
            + $"Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) được đính kèm thư này.\n\nTra cứu hồ sơ: {urls.Lookup(dossier.Code)}\n\n"
            + "Cổng Dịch vụ công – thư tự động, vui lòng không trả lời.";
        return new IssuedDocument("Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)", $"giay-tiep-nhan-{dossier.Code}.pdf", pdf.ToBytes(),
            $"[{dossier.Code}] Giấy tiếp nhận hồ sơ và hẹn trả kết quả", text);
    }

    private static string FormText(DocumentForm f) => f switch
    {
        DocumentForm.Original => "Bản chính",
        DocumentForm.CertifiedCopy => "Bản sao chứng thực",
        _ => "Bản sao",
    };

    /// <summary>The desk's checklist at acceptance: exactly what it ticked as received, electronic where files came with it.</summary>
    private static List<(string Name, string Form, string Count)> CheckedRows(IReadOnlyList<ReceivedDocument> received) =>
        [.. received.Select(r => (r.Name, FormText(r.Form) + (r.Files > 0 ? " (bản điện tử)" : string.Empty),
            r.Files > 0 ? string.Create(CultureInfo.InvariantCulture, $"{r.Count:00} ({r.Files} tệp)") : r.Count.ToString("00", CultureInfo.InvariantCulture)))];

    private static List<(string Name, string Form, string Count)> DocumentRows(ProcedureVersion version, List<DossierDocument> documents, bool paper)
    {
        var rows = new List<(string, string, string)>();
        foreach (var group in documents.GroupBy(d => d.RequirementIndex).OrderBy(g => g.Key ?? int.MaxValue))
        {
            var requirement = group.Key is { } i && i >= 0 && i < version.Documents.Count ? version.Documents[i] : null;
            var files = group.Count();
            rows.Add((requirement?.Name ?? group.First().Title,
                requirement is null ? "Bản điện tử" : FormText(requirement.Form) + (group.Any(d => d.Kind == DocumentKind.Supplement) ? " (bổ sung)" : string.Empty),
                string.Create(CultureInfo.InvariantCulture, $"{requirement?.Count ?? 1:00} ({files} tệp)")));
        }

        if (rows.Count == 0 && paper)
        {
            // A paper dossier taken at the desk without scans: what the procedure requires was checked there. An online
            // dossier lists only what came with it, never papers nobody handed in.
            rows.AddRange(version.Documents.Where(d => d.Mandatory).Select(d => (d.Name, FormText(d.Form), d.Count.ToString("00", CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}

/// <summary>When a dossier becomes received (any channel), its receipt Mẫu 01 is rendered and mailed in the background.</summary>
public sealed class ReceiptReaction : IDossierStatusReaction
{
    public IEnumerable<OutboxMessage> React(StatusChange change)
    {
        if (change.Change.ToStatus == DossierStatus.Received)
        {
            yield return RenderDocumentHandler.Request(change.Dossier, Receipt01.DocumentType, change.Change.At);
        }
    }
}
