using System.Globalization;
using Portal.Core.Documents.Pdf;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Core.Processing;

namespace Portal.Core.Documents.Forms;

/// <summary>A rendered form: the PDF and how it is filed on the dossier.</summary>
public sealed record IssuedPdf(string Title, string FileName, byte[] Content);

/// <summary>One document the system issues, rendered from the dossier as it is now (the same input gives the same page).</summary>
public interface IIssuedDocumentRenderer
{
    /// <summary>The outbox row type (<see cref="IssuedForms"/>).</summary>
    string Form { get; }

    DocumentKind Kind => DocumentKind.Issued;

    /// <summary>Where the file is kept: one key per issued document, so a retry overwrites the same file.</summary>
    string StorageKey(Dossier dossier, RenderPayload payload) => $"issued/{dossier.Id}/{Form}.pdf";

    IssuedPdf Render(FormContext context, RenderPayload payload);

    /// <summary>The messages that carry the document to the applicant, if any.</summary>
    IEnumerable<OutboxMessage> Deliver(FormContext context, DossierDocument document, DateTime at) => [];
}

internal static class Delivery
{
    public static IEnumerable<OutboxMessage> Email(FormContext c, DossierDocument document, string subject, string text, DateTime at)
    {
        var d = c.Dossier;
        if (!string.IsNullOrWhiteSpace(d.Applicant.Email))
        {
            yield return OutboxMessage.ForDossier(d, OutboxKind.Email, Path.GetFileNameWithoutExtension(document.StorageKey),
                new EmailPayload(d.Applicant.Email, $"[{d.Code}] {subject}",
                    $"Kính gửi {d.Applicant.FullName},\n\n{text}\n\nVăn bản đính kèm: {document.Title}.\nTra cứu hồ sơ: {c.LookupUrl}\n\n{c.Agency.Name} – thư tự động, vui lòng không trả lời.",
                    [document.Id]).Serialize(), at);
        }
    }
}

/// <summary>Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (one per supplement request, identified by its time).</summary>
public sealed class SupplementRequestForm : IIssuedDocumentRenderer
{
    public string Form => IssuedForms.SupplementRequest;

    public string StorageKey(Dossier dossier, RenderPayload payload) =>
        string.Create(CultureInfo.InvariantCulture, $"issued/{dossier.Id}/{Form}-{payload.At.Ticks}.pdf");

    public IssuedPdf Render(FormContext context, RenderPayload payload)
    {
        var c = context;
        var d = c.Dossier;
        var request = d.SupplementRequests.Where(r => r.RequestedAt <= payload.At.AddSeconds(1)).OrderBy(r => Math.Abs((r.RequestedAt - payload.At).Ticks)).FirstOrDefault()
            ?? throw new InvalidOperationException($"Dossier {d.Id} has no supplement request at {payload.At:O}.");
        var ordinal = d.SupplementRequests.Count(r => r.RequestedAt <= request.RequestedAt);
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
        return new IssuedPdf($"Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02) lần {ordinal}",
            $"mau-02-yeu-cau-bo-sung-{d.Code}-{ordinal}.pdf", pdf.ToBytes());
    }

    public IEnumerable<OutboxMessage> Deliver(FormContext context, DossierDocument document, DateTime at) =>
        Delivery.Email(context, document, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
            "Hồ sơ của ông/bà cần được bổ sung, hoàn thiện theo phiếu đính kèm.", at);
}

/// <summary>Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ.</summary>
public sealed class RefusalForm : IIssuedDocumentRenderer
{
    public string Form => IssuedForms.Refusal;

    public IssuedPdf Render(FormContext context, RenderPayload payload)
    {
        var c = context;
        var d = c.Dossier;
        var refusal = d.History.OrderBy(h => h.At).ThenBy(h => h.Id).LastOrDefault(h => h.To == DossierStatus.RefusedAtReception)
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
        return new IssuedPdf("Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)", $"mau-03-tu-choi-{d.Code}.pdf", pdf.ToBytes());
    }

    public IEnumerable<OutboxMessage> Deliver(FormContext context, DossierDocument document, DateTime at) =>
        Delivery.Email(context, document, "Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)",
            "Hồ sơ của ông/bà không được tiếp nhận. Lý do được nêu trong phiếu đính kèm.", at);
}

/// <summary>
/// Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả. Mailed and texted to an online applicant; for a walk-in or
/// postal applicant the desk prints it (the dossier page offers it).
/// </summary>
public sealed class ApologyForm : IIssuedDocumentRenderer
{
    public string Form => IssuedForms.Apology;

    public IssuedPdf Render(FormContext context, RenderPayload payload)
    {
        var c = context;
        var d = c.Dossier;
        var apology = d.History.OrderBy(h => h.At).ThenBy(h => h.Id).LastOrDefault(h => h.Action == nameof(Dossier.IssueApology))
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
        return new IssuedPdf("Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)", $"mau-04-xin-loi-{d.Code}.pdf", pdf.ToBytes());
    }

    public IEnumerable<OutboxMessage> Deliver(FormContext context, DossierDocument document, DateTime at)
    {
        var c = context;
        var d = c.Dossier;
        if (d.Channel != Channel.Online)
        {
            yield break;
        }

        var newDate = c.Moment(d.DueAt);
        foreach (var mail in Delivery.Email(c, document, "Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)",
            $"{c.Agency.Name} xin lỗi vì chưa trả kết quả hồ sơ đúng hạn và hẹn trả kết quả vào lúc {newDate}.", at))
        {
            yield return mail;
        }

        if (!string.IsNullOrWhiteSpace(d.Applicant.Phone))
        {
            yield return OutboxMessage.ForDossier(d, OutboxKind.Sms, "mau-04",
                new SmsPayload(d.Applicant.Phone, $"{c.Agency.Name} xin lỗi vì chậm trả kết quả hồ sơ {d.Code}; hẹn trả lại lúc {newDate}. Phiếu xin lỗi đã gửi qua thư điện tử và trên Cổng Dịch vụ công.").Serialize(), at);
        }
    }
}

/// <summary>The electronic result generated from the decision when the approver uploads no signed file.</summary>
public sealed class GeneratedResultForm : IIssuedDocumentRenderer
{
    public string Form => IssuedForms.Result;

    public DocumentKind Kind => DocumentKind.Result;

    public IssuedPdf Render(FormContext context, RenderPayload payload)
    {
        var c = context;
        var d = c.Dossier;
        var decision = d.History.OrderBy(h => h.At).ThenBy(h => h.Id).LastOrDefault(h => h.To == DossierStatus.Decided)
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
        return new IssuedPdf("Kết quả giải quyết (bản điện tử)", $"ket-qua-{d.Code}.pdf", pdf.ToBytes());
    }
}
