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

namespace Portal.Core.Payments;

/// <summary>The electronic receipt of a fee paid online (biên lai thu phí, lệ phí điện tử).</summary>
public sealed class FeeReceipt(CalendarProvider calendars, IOptions<FilingOptions> filing) : IIssuedDocumentRenderer
{
    public string Type => ConfirmPaymentHandler.FeeReceiptType;

    public async Task<IssuedDocument> RenderAsync(Dossier dossier, OutboxMessage message, PortalDb db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().Where(p => p.DossierId == dossier.Id && p.Status == PaymentStatus.Paid && p.Note == null)
            .OrderBy(p => p.CompletedAt).FirstAsync(ct);
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == dossier.AgencyId, ct);
        var parent = agency.ParentId is { } pid ? await db.Agencies.AsNoTracking().Where(a => a.Id == pid).Select(a => a.Name).SingleOrDefaultAsync(ct) : null;
        var procedure = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == dossier.ProcedureVersionId).Select(v => v.Name).SingleAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        var paidAt = calendar.ToLocal(payment.CompletedAt!.Value);
        var place = filing.Value.PlaceName;
        var amount = payment.AmountVnd.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));

        using var pdf = new PdfBuilder($"Biên lai thu phí, lệ phí {dossier.Code}");
        pdf.NationalHeader(parent ?? agency.Name, agency.Name, $"Số: {payment.Reference}",
                string.Create(CultureInfo.InvariantCulture, $"{(place.Length > 0 ? place + ", n" : "N")}gày {paidAt:dd} tháng {paidAt:MM} năm {paidAt:yyyy}"))
            .Title("Biên lai thu phí, lệ phí", "(Biên lai điện tử – thanh toán trực tuyến)")
            .Field("Đơn vị thu", agency.Name)
            .Field("Người nộp", dossier.Applicant.FullName)
            .Field(dossier.Applicant.Kind == ApplicantKind.Business ? "Mã số thuế" : "Số CCCD", dossier.Applicant.IdNumber)
            .Field("Mã hồ sơ", dossier.Code)
            .Field("Thủ tục", procedure)
            .Table([new PdfColumn("Nội dung thu", 5), new PdfColumn("Số tiền (đồng)", 2, TextAlign.Right)],
                [[payment.FeeName, amount], ["Tổng cộng", amount]], boldLastRow: true)
            .Field("Hình thức thanh toán", "Trực tuyến qua cổng thanh toán")
            .Field("Mã giao dịch", payment.GatewayTransactionId)
            .Field("Thời gian thanh toán", string.Create(CultureInfo.InvariantCulture, $"{paidAt:HH} giờ {paidAt:mm} phút, ngày {paidAt:dd/MM/yyyy}"))
            .Space(8)
            .Signatures(("Người nộp tiền", dossier.Applicant.FullName), ("Đơn vị thu", "(Đã thu trực tuyến)"));
        return new IssuedDocument("Biên lai thu phí, lệ phí điện tử", $"bien-lai-{dossier.Code}.pdf", pdf.ToBytes(),
            $"[{dossier.Code}] Biên lai thu phí, lệ phí điện tử",
            $"Kính gửi {dossier.Applicant.FullName},\n\nCổng Dịch vụ công đã nhận khoản thanh toán {amount} đồng cho hồ sơ {dossier.Code}. Biên lai điện tử được đính kèm thư này.\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.");
    }
}
