using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Documents.Pdf;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Notifications;
using Portal.Core.Text;

namespace Portal.Core.Payments;

/// <summary>
/// The electronic receipt of a fee paid online (biên lai thu phí, lệ phí điện tử), issued by the agency that collected
/// it: the payee named to the gateway when the payment started (<see cref="PaymentTransaction.PayeeName"/>), its series
/// and number (ký hiệu, số) from <see cref="ReceiptNumbers"/>, the amount in figures and in words.
/// </summary>
public sealed class FeeReceipt(CalendarProvider calendars, IOptions<FilingOptions> filing) : IIssuedDocumentRenderer
{
    public string Type => ConfirmPaymentHandler.FeeReceiptType;

    public async Task<IssuedDocument> RenderAsync(Dossier dossier, OutboxMessage message, PortalDb db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().Where(p => p.DossierId == dossier.Id && p.Status == PaymentStatus.Paid && (p.ReceiptNumber != null || p.Note == null))
            .OrderBy(p => p.CompletedAt).FirstAsync(ct);
        var parent = await db.Agencies.AsNoTracking().Where(a => a.Id == payment.PayeeAgencyId && a.ParentId != null)
            .Join(db.Agencies, a => a.ParentId, p => p.Id, (a, p) => p.Name).SingleOrDefaultAsync(ct);
        var procedure = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == dossier.ProcedureVersionId).Select(v => v.Name).SingleAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        var paidAt = calendar.ToLocal(payment.CompletedAt!.Value);
        var place = filing.Value.PlaceName;
        var amount = payment.AmountVnd.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));
        var words = VietnameseNumberWords.Dong(payment.AmountVnd);
        // A payment confirmed before receipts were numbered keeps its gateway reference as its number.
        var numberLine = payment.ReceiptNumber is { } n ? $"Ký hiệu: {payment.ReceiptSeries} – Số: {new ReceiptNumber(payment.ReceiptSeries!, n).Printed}" : $"Số: {payment.Reference}";

        using var pdf = new PdfBuilder($"Biên lai thu phí, lệ phí {dossier.Code}");
        pdf.NationalHeader(parent ?? payment.PayeeName, payment.PayeeName, numberLine,
                string.Create(CultureInfo.InvariantCulture, $"{(place.Length > 0 ? place + ", n" : "N")}gày {paidAt:dd} tháng {paidAt:MM} năm {paidAt:yyyy}"))
            .Title("Biên lai thu phí, lệ phí", "(Biên lai điện tử – thanh toán trực tuyến)")
            .Field("Đơn vị thu", payment.PayeeName)
            .Field("Người nộp", dossier.Applicant.FullName)
            .Field(dossier.Applicant.Kind == ApplicantKind.Business ? "Mã số thuế" : "Số CCCD", dossier.Applicant.IdNumber)
            .Field("Mã hồ sơ", dossier.Code)
            .Field("Thủ tục", procedure)
            .Table([new PdfColumn("Nội dung thu", 5), new PdfColumn("Số tiền (đồng)", 2, TextAlign.Right)],
                [[payment.FeeName, amount], ["Tổng cộng", amount]], boldLastRow: true)
            .Field("Số tiền bằng chữ", words)
            .Field("Hình thức thanh toán", "Trực tuyến qua cổng thanh toán")
            .Field("Mã giao dịch", payment.GatewayTransactionId)
            .Field("Mã thanh toán của cổng", payment.Reference)
            .Field("Thời gian thanh toán", string.Create(CultureInfo.InvariantCulture, $"{paidAt:HH} giờ {paidAt:mm} phút, ngày {paidAt:dd/MM/yyyy}"))
            .Space(8)
            .Signatures(("Người nộp tiền", dossier.Applicant.FullName), ("Đơn vị thu", "(Đã thu trực tuyến)"));
        return new IssuedDocument("Biên lai thu phí, lệ phí điện tử", $"bien-lai-{dossier.Code}.pdf", pdf.ToBytes(),
            $"[{dossier.Code}] Biên lai thu phí, lệ phí điện tử",
            $"Kính gửi {dossier.Applicant.FullName},\n\n{payment.PayeeName} đã nhận khoản thanh toán {amount} đồng ({words}) cho hồ sơ {dossier.Code}. "
            + $"Biên lai điện tử ({numberLine}) được đính kèm thư này.\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.");
    }
}
