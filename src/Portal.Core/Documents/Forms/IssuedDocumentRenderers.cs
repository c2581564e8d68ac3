using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Documents.Pdf;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Links;
using Portal.Core.Notifications;
using Portal.Core.Processing;

namespace Portal.Core.Documents.Forms;

/// <summary>What the officials' forms share: the dossier's context, loaded once per rendering.</summary>
public abstract class OfficialForm(CalendarProvider calendars, PublicUrls urls, IOptions<FilingOptions> filing) : IIssuedDocumentRenderer
{
    public abstract string Type { get; }

    public async Task<IssuedDocument> RenderAsync(Dossier dossier, OutboxMessage message, PortalDb db, CancellationToken ct)
    {
        var context = await FormContext.LoadAsync(db, dossier, await calendars.GetAsync(ct), filing.Value.PlaceName, urls, ct);
        return await RenderAsync(context, IssuedForms.Parse(message.Payload), db, ct);
    }

    public virtual string StorageKey(long dossierId, OutboxMessage message) => RenderDocumentHandler.StorageKey(dossierId, Type);

    protected abstract Task<IssuedDocument> RenderAsync(FormContext c, RenderPayload payload, PortalDb db, CancellationToken ct);

    /// <summary>The history line of the action the form records (the latest of its kind).</summary>
    protected static Task<DossierHistoryEntry?> LastAsync(PortalDb db, long dossierId, Func<IQueryable<DossierHistoryEntry>, IQueryable<DossierHistoryEntry>> which, CancellationToken ct) =>
        which(db.DossierHistory.AsNoTracking().Where(h => h.DossierId == dossierId)).OrderByDescending(h => h.At).ThenByDescending(h => h.Id).FirstOrDefaultAsync(ct);

    protected static string MailText(FormContext c, string text) =>
        $"Kính gửi {c.Dossier.Applicant.FullName},\n\n{text}\n\nTra cứu hồ sơ: {c.LookupUrl}\n\n{c.Agency.Name} – thư tự động, vui lòng không trả lời.";
}

/// <summary>Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (one per supplement request, identified by its time).</summary>
public sealed class SupplementRequestForm(CalendarProvider calendars, PublicUrls urls, IOptions<FilingOptions> filing)
    : OfficialForm(calendars, urls, filing)
{
    public override string Type => IssuedForms.SupplementRequest;

    public override string StorageKey(long dossierId, OutboxMessage message) =>
        string.Create(CultureInfo.InvariantCulture, $"issued/{dossierId}/{Type}-{IssuedForms.Parse(message.Payload).At.Ticks}.pdf");

    protected override async Task<IssuedDocument> RenderAsync(FormContext c, RenderPayload payload, PortalDb db, CancellationToken ct)
    {
        var d = c.Dossier;
        var requests = await db.SupplementRequests.AsNoTracking().Where(r => r.DossierId == d.Id).OrderBy(r => r.RequestedAt).ToListAsync(ct);
        var request = requests.Where(r => r.RequestedAt <= payload.At.AddSeconds(1)).OrderBy(r => Math.Abs((r.RequestedAt - payload.At).Ticks)).FirstOrDefault()
            ?? throw new InvalidOperationException($"Dossier {d.Id} has no supplement request at {payload.At:O}.");
        var ordinal = requests.Count(r => r.RequestedAt <= request.RequestedAt);
        using var pdf = new PdfBuilder("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ");
        pdf.NationalHeader(c.Agency.Name, "Bộ phận tiếp nhận và trả kết quả", $"Số: {d.Code}/BS{ordinal}", c.PlaceAndDate(request.RequestedAt))
            .Title("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
            .Field("Hồ sơ của", d.Applicant.FullName)
            .Field("Mã hồ sơ", d.Code)
            .Field("Nội dung yêu cầu giải quyết", c.Version.Name)
            .Paragraph(request.AtReception
                ? "Sau khi xem xét hồ sơ nộp trực tuyến, bộ phận tiếp nhận đề nghị ông/bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"
                : "Trong quá trình giải quyết, cơ quan giải quyết đề nghị ông/bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau (thời gian bổ sung không tính vào thời hạn giải quyết):")
            .Table([new PdfColumn("STT", 1, TextAlign.Center), new PdfColumn("Giấy tờ, nội dung cần bổ sung, hoàn thiện", 9)],
                request.Documents.Select((doc, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), doc]))
            .Field("Lý do", request.Reason)
            .Paragraph($"Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ {request.RequestedByName}, {c.Agency.Name}"
                + (c.Agency.Address is null ? "" : $" ({c.Agency.Address})") + " để được hướng dẫn. Ông/bà có thể bổ sung trực tuyến tại Cổng Dịch vụ công.", italic: true)
            .Signatures(("Người hướng dẫn", request.RequestedByName));
        return new IssuedDocument($"Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02) lần {ordinal}", $"mau-02-yeu-cau-bo-sung-{d.Code}-{ordinal}.pdf", pdf.ToBytes(),
            $"[{d.Code}] Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)", MailText(c, "Hồ sơ của ông/bà cần được bổ sung, hoàn thiện theo phiếu đính kèm."));
    }
}

/// <summary>Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ.</summary>
public sealed class RefusalForm(CalendarProvider calendars, PublicUrls urls, IOptions<FilingOptions> filing)
    : OfficialForm(calendars, urls, filing)
{
    public override string Type => IssuedForms.Refusal;

    protected override async Task<IssuedDocument> RenderAsync(FormContext c, RenderPayload payload, PortalDb db, CancellationToken ct)
    {
        var d = c.Dossier;
        var refusal = await LastAsync(db, d.Id, q => q.Where(h => h.To == DossierStatus.RefusedAtReception), ct)
            ?? throw new InvalidOperationException($"Dossier {d.Id} was not refused at reception.");
        using var pdf = new PdfBuilder("Phiếu từ chối tiếp nhận giải quyết hồ sơ");
        pdf.NationalHeader(c.Agency.Name, "Bộ phận tiếp nhận và trả kết quả", $"Số: {d.Code}/TC", c.PlaceAndDate(refusal.At))
            .Title("Phiếu từ chối tiếp nhận giải quyết hồ sơ")
            .Paragraph($"Bộ phận tiếp nhận và trả kết quả – {c.Agency.Name} tiếp nhận hồ sơ của:")
            .Field("Ông/bà, tổ chức", d.Applicant.FullName)
            .Field(d.Applicant.Kind == ApplicantKind.Business ? "Mã số thuế" : "Số CCCD", d.Applicant.IdNumber)
            .Field("Mã hồ sơ", d.Code)
            .Field("Nội dung yêu cầu giải quyết", c.Version.Name)
            .Paragraph("Căn cứ quy định tại thủ tục hành chính nêu trên, cơ quan từ chối tiếp nhận, giải quyết hồ sơ này với lý do sau:")
            .Paragraph(refusal.Note ?? string.Empty, bold: true, indent: 14)
            .Paragraph("Xin thông báo để ông/bà được biết và thực hiện./.")
            .Signatures(("Người tiếp nhận", refusal.ActorName));
        return new IssuedDocument("Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)", $"mau-03-tu-choi-{d.Code}.pdf", pdf.ToBytes(),
            $"[{d.Code}] Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)", MailText(c, "Hồ sơ của ông/bà không được tiếp nhận. Lý do được nêu trong phiếu đính kèm."));
    }
}

/// <summary>
/// Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả. Mailed and texted to an online applicant; for a walk-in or
/// postal applicant the desk prints it (the dossier page offers it).
/// </summary>
public sealed class ApologyForm(CalendarProvider calendars, PublicUrls urls, IOptions<FilingOptions> filing)
    : OfficialForm(calendars, urls, filing)
{
    public override string Type => IssuedForms.Apology;

    protected override async Task<IssuedDocument> RenderAsync(FormContext c, RenderPayload payload, PortalDb db, CancellationToken ct)
    {
        var d = c.Dossier;
        var apology = await LastAsync(db, d.Id, q => q.Where(h => h.Action == nameof(Dossier.IssueApology)), ct)
            ?? throw new InvalidOperationException($"Dossier {d.Id} has no apology.");
        using var pdf = new PdfBuilder("Phiếu xin lỗi và hẹn lại ngày trả kết quả");
        pdf.NationalHeader(c.ParentName, c.Agency.Name, $"Số: {d.Code}/XL", c.PlaceAndDate(apology.At))
            .Title("Phiếu xin lỗi và hẹn lại ngày trả kết quả")
            .Field("Kính gửi", d.Applicant.FullName)
            .Paragraph($"Ngày {c.Day(d.ReceivedAt)}, {c.Agency.Name} tiếp nhận giải quyết hồ sơ của ông/bà:")
            .Field("Nội dung yêu cầu giải quyết", c.Version.Name)
            .Field("Số Giấy tiếp nhận", d.Code)
            .Field("Thời hạn trả kết quả", c.Moment(d.PromisedAt))
            .Paragraph($"Tuy nhiên đến nay, {c.Agency.Name} chưa trả kết quả giải quyết hồ sơ cho ông/bà đúng hạn.")
            .Field("Lý do", apology.Note)
            .Paragraph($"Sự chậm trễ này đã gây phiền hà cho ông/bà. {c.Agency.Name} xin lỗi ông/bà và hẹn trả kết quả vào lúc {c.Moment(d.DueAt)}.")
            .Paragraph("Xin trân trọng cảm ơn./.")
            .Signatures(("Thủ trưởng cơ quan", apology.ActorName));
        var newDate = c.Moment(d.DueAt);
        var online = d.Channel == Channel.Online;
        return new IssuedDocument("Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)", $"mau-04-xin-loi-{d.Code}.pdf", pdf.ToBytes(),
            online ? $"[{d.Code}] Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)" : null,
            MailText(c, $"{c.Agency.Name} xin lỗi vì chưa trả kết quả hồ sơ đúng hạn và hẹn trả kết quả vào lúc {newDate}."))
        {
            SmsText = online
                ? $"{c.Agency.Name} xin lỗi vì chậm trả kết quả hồ sơ {d.Code}; hẹn trả lại lúc {newDate}. Phiếu xin lỗi đã gửi qua thư điện tử và trên Cổng Dịch vụ công."
                : null,
        };
    }
}

/// <summary>The electronic result generated from the decision when the approver uploads no signed file.</summary>
public sealed class GeneratedResultForm(CalendarProvider calendars, PublicUrls urls, IOptions<FilingOptions> filing)
    : OfficialForm(calendars, urls, filing)
{
    public override string Type => IssuedForms.Result;

    protected override async Task<IssuedDocument> RenderAsync(FormContext c, RenderPayload payload, PortalDb db, CancellationToken ct)
    {
        var d = c.Dossier;
        var decision = await LastAsync(db, d.Id, q => q.Where(h => h.To == DossierStatus.Decided), ct)
            ?? throw new InvalidOperationException($"Dossier {d.Id} is not decided.");
        using var pdf = new PdfBuilder("Kết quả giải quyết thủ tục hành chính");
        pdf.NationalHeader(c.ParentName, c.Agency.Name, $"Số: {d.Code}/KQ", c.PlaceAndDate(decision.At))
            .Title("Kết quả giải quyết thủ tục hành chính", "(bản điện tử)")
            .QrRight(c.LookupUrl, 24, "Quét để tra cứu")
            .Field("Thủ tục", $"{c.Version.Name} (mã {c.ProcedureCode})")
            .Field("Mã hồ sơ", d.Code)
            .Field("Người nộp", d.Applicant.FullName)
            .Field("Kết quả", c.Version.ResultDescription)
            .Field("Nội dung quyết định", decision.Note ?? "Hồ sơ đã được giải quyết theo quy định.")
            .Field("Thời điểm giải quyết xong", c.Moment(decision.At))
            .Paragraph("Bản điện tử này có giá trị tra cứu trên Cổng Dịch vụ công bằng mã hồ sơ và mã tra cứu.", italic: true)
            .Signatures(("Người có thẩm quyền", decision.ActorName));
        return new IssuedDocument("Kết quả giải quyết (bản điện tử)", $"ket-qua-{d.Code}.pdf", pdf.ToBytes()) { Kind = DocumentKind.Result };
    }
}
