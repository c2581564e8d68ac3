using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Dossiers;
using Portal.Core.Links;
using Portal.Core.Payments;

namespace Portal.Core.Notifications;

/// <summary>
/// Tells the applicant about every status change of their dossier, by email and SMS where they gave an address
/// and a phone number; drafts and internal steps that do not change what the applicant must do stay quiet.
/// </summary>
public sealed class StatusNotificationReaction(PublicUrls urls, IOptions<WorkingTimeOptions> workingTime, IOptions<PaymentsOptions> payments) : IDossierStatusReaction
{
    private readonly TimeZoneInfo _zone = workingTime.Value.ResolveTimeZone();

    public IEnumerable<OutboxMessage> React(StatusChange change)
    {
        var d = change.Dossier;
        var to = change.Change.ToStatus;
        // Starting the agency's steps changes nothing the applicant must do.
        if (to == DossierStatus.InProcess && change.Change.FromStatus == DossierStatus.Received)
        {
            yield break;
        }

        var link = urls.Lookup(d.Code);
        // The row is handled after the commit; if the dossier has moved on since, its note belongs to a later step.
        var note = d.Status == to ? d.StatusNote : null;
        var what = to switch
        {
            // The PIN is issued at filing: the lookup the mail links to works from now on, with the code and this PIN.
            DossierStatus.Submitted when change.Change.FromStatus == DossierStatus.Draft =>
                $"Hồ sơ {d.Code} ({change.Version.Name}) đã được nộp trực tuyến, đang chờ {change.Agency.Name} tiếp nhận. Mã tra cứu: {d.LookupPin}.",
            DossierStatus.Submitted => $"Hồ sơ {d.Code} đã được bổ sung và chờ tiếp nhận lại.",
            DossierStatus.Received => $"Hồ sơ {d.Code} đã được tiếp nhận. Mã tra cứu: {d.LookupPin}. Hẹn trả kết quả: {Local(d.PromisedAt)}.",
            DossierStatus.RefusedAtReception => $"Hồ sơ {d.Code} không được tiếp nhận. Lý do: {d.StatusNote}",
            DossierStatus.AwaitingSupplement => $"Hồ sơ {d.Code} cần bổ sung giấy tờ.{(note is null ? string.Empty : " Lý do: " + note)} Vui lòng đăng nhập Cổng Dịch vụ công, mục \"Hồ sơ của tôi\", để xem và bổ sung.",
            DossierStatus.AwaitingPayment => $"Hồ sơ {d.Code} chờ nộp phí, lệ phí {d.FeeDueVnd:N0} đồng. Bạn có thể thanh toán trực tuyến tại mục \"Hồ sơ của tôi\".",
            DossierStatus.InProcess => $"Hồ sơ {d.Code} tiếp tục được giải quyết.",
            DossierStatus.Withdrawn => $"Hồ sơ {d.Code} đã được rút theo yêu cầu." + WithdrawnFee(d, change.Agency.Name),
            DossierStatus.Stopped => $"Hồ sơ {d.Code} đã dừng xử lý. Lý do: {d.StatusNote}",
            DossierStatus.Decided => $"Hồ sơ {d.Code} đã có kết quả" + (d.HasElectronicResult ? ", bạn có thể tải kết quả điện tử." : "."),
            DossierStatus.ResultReturned => $"Kết quả hồ sơ {d.Code} đã được trả. Mời bạn đánh giá mức độ hài lòng.",
            _ => null,
        };
        if (what is null)
        {
            yield break;
        }

        var at = change.Change.At;
        // On reception the mail is the receipt itself (Mẫu 01 attached), sent by the render job: one mail, not two.
        if (!string.IsNullOrWhiteSpace(d.Applicant.Email) && to != DossierStatus.Received)
        {
            var text = $"Kính gửi {d.Applicant.FullName},\n\n{what}\n\nTra cứu hồ sơ: {link}\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.";
            yield return OutboxMessage.ForDossier(d, OutboxKind.Email, "status-" + to,
                new EmailPayload(d.Applicant.Email, $"[{d.Code}] {to.Vietnamese()}", text).Serialize(), at);
        }

        if (!string.IsNullOrWhiteSpace(d.Applicant.Phone))
        {
            yield return OutboxMessage.ForDossier(d, OutboxKind.Sms, "status-" + to, new SmsPayload(d.Applicant.Phone, what).Serialize(), at);
        }
    }

    /// <summary>What became of a fee already paid (the rule of <see cref="Dossier.FeeOnWithdrawal"/>); nothing when none was paid.</summary>
    private string WithdrawnFee(Dossier d, string agency) => d.FeeOnWithdrawal(payments.Value.RefundAfterReception) switch
    {
        WithdrawalFee.Refunded => $" Phí, lệ phí bạn đã nộp sẽ được {agency} hoàn trả; bộ phận một cửa sẽ liên hệ với bạn để hoàn tiền.",
        WithdrawalFee.Kept => $" Phí, lệ phí đã nộp không được hoàn trả vì {agency} đã tiếp nhận và giải quyết hồ sơ.",
        _ => string.Empty,
    };

    private string Local(DateTime? utc) =>
        utc is { } value ? TimeZoneInfo.ConvertTimeFromUtc(value, _zone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture) : "—";
}
