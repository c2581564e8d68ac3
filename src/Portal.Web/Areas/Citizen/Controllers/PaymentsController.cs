using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Payments;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Citizen.Controllers;

/// <summary>
/// The portal's side of online payment: the gateway's signed server-to-server callback (IPN), and the page the
/// citizen's browser returns to, which trusts nothing in its own address and asks the gateway's server instead.
/// </summary>
[Area("Citizen")]
[Route("thanh-toan")]
public sealed class PaymentsController(PortalDb db, IPaymentGateway gateway, ConfirmPaymentHandler confirm) : Controller
{
    [HttpPost("ipn")]
    [AllowAnonymous]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Notify(CancellationToken ct)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (Request.HasFormContentType)
            {
                fields = (await Request.ReadFormAsync(ct)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            }
        }
        catch (InvalidDataException)
        {
            // A body the form reader refuses (a NUL, too many fields) is no gateway's callback.
            return BadRequest(new { code = "99", message = "Malformed request" });
        }

        var notification = gateway.VerifyNotification(fields);
        if (notification is null)
        {
            return BadRequest(new { code = "97", message = "Invalid signature" });
        }

        var outcome = await confirm.HandleAsync(notification.Reference, notification.Outcome, notification.AmountVnd, notification.TransactionId, ct);
        return outcome switch
        {
            ConfirmOutcome.Rejected => Ok(new { code = "01", message = "Unknown order or wrong amount" }),
            ConfirmOutcome.AlreadyDone => Ok(new { code = "02", message = "Already confirmed" }),
            _ => Ok(new { code = "00", message = "Confirmed" }),
        };
    }

    /// <summary>Whatever the query string claims, the outcome shown is the one the gateway's server confirmed.</summary>
    [HttpGet("ket-qua")]
    [Authorize(Roles = Roles.Citizen)]
    public async Task<IActionResult> Return(string? @ref, CancellationToken ct)
    {
        // References are letters and digits; anything else (a NUL, which PostgreSQL refuses as a parameter) is no payment.
        if (string.IsNullOrEmpty(@ref) || @ref.Length > 64 || !@ref.All(char.IsAsciiLetterOrDigit))
        {
            return NotFound();
        }

        var userId = User.UserId();
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Reference == @ref && p.UserId == userId, ct);
        if (payment is null || !await db.Dossiers.AnyAsync(d => d.Id == payment.DossierId && d.ApplicantUserId == userId, ct))
        {
            return NotFound();
        }

        var status = payment.Status;
        if (status == PaymentStatus.Pending)
        {
            var answer = await gateway.QueryAsync(payment.Reference, ct);
            var outcome = await confirm.HandleAsync(payment.Reference, answer.Outcome, answer.AmountVnd, answer.TransactionId, ct);
            status = outcome switch
            {
                ConfirmOutcome.Paid => PaymentStatus.Paid,
                ConfirmOutcome.Failed when answer.Outcome == GatewayOutcome.Failed => PaymentStatus.Failed,
                ConfirmOutcome.AlreadyDone => await db.Payments.Where(p => p.Id == payment.Id).Select(p => p.Status).SingleAsync(ct),
                _ => PaymentStatus.Pending,
            };
        }

        TempData["Filed"] = status switch
        {
            PaymentStatus.Paid => Bilingual.T($"Đã thanh toán {payment.AmountVnd:N0} đồng. Biên lai điện tử sẽ có trong hồ sơ và được gửi qua thư điện tử.",
                $"{payment.AmountVnd:N0} VND paid. The electronic receipt will appear on the dossier and be emailed to you."),
            PaymentStatus.Failed => Bilingual.T("Thanh toán không thành công, bạn chưa bị trừ tiền. Bạn có thể thanh toán lại.",
                "The payment failed; nothing was charged. You can pay again."),
            _ => Bilingual.T("Cổng thanh toán chưa xác nhận giao dịch. Vui lòng tải lại trang sau ít phút.",
                "The gateway has not confirmed the payment yet. Reload the page in a few minutes."),
        };
        return Redirect($"/ho-so-cua-toi/{payment.DossierId}");
    }
}
