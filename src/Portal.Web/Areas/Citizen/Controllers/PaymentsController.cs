using System.Text.Json;
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
/// The portal's side of online payment: the gateway's signed server-to-server notification (IPN), the only thing
/// that records a payment, and the page the citizen's browser returns to, which checks the gateway's signature and
/// shows what the notification recorded, nothing more. Without a configured gateway both answer 404.
/// </summary>
[Area("Citizen")]
[Route("thanh-toan")]
public sealed class PaymentsController(PortalDb db, OnlinePayment online, ConfirmPaymentHandler confirm) : Controller
{
    /// <summary>A GET with the signed fields in the query, as VNPAY calls it; answered 200 with the gateway's JSON code whatever the outcome.</summary>
    [HttpGet("ipn")]
    [AllowAnonymous]
    public async Task<IActionResult> Notify(CancellationToken ct)
    {
        if (online.Gateway is not { } gateway)
        {
            return NotFound();
        }

        var reading = gateway.Read(Fields());
        var answer = reading.Message is { } message
            ? IpnAnswer.For(await confirm.HandleAsync(gateway.Name, message, ct))
            : reading.Refusal ?? IpnAnswer.Unknown;
        // The gateway reads "RspCode" and "Message" exactly: serialised without the MVC camel-case policy.
        return Content(JsonSerializer.Serialize(answer), "application/json");
    }

    /// <summary>Whatever the query string claims, the outcome shown is the one the gateway's notification recorded.</summary>
    [HttpGet("ket-qua")]
    [Authorize(Roles = Roles.Citizen)]
    public async Task<IActionResult> Return(CancellationToken ct)
    {
        if (online.Gateway is not { } gateway)
        {
            return NotFound();
        }

        if (gateway.Read(Fields()).Message is not { } message)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("~/Views/Shared/Refused.cshtml", new RefusedModel(
                "Không xác thực được kết quả do cổng thanh toán gửi về. Trạng thái thanh toán của hồ sơ được cập nhật khi cổng thanh toán xác nhận.",
                "The answer brought back from the payment gateway could not be verified. The dossier's payment status is updated when the gateway confirms it.",
                "/ho-so-cua-toi"));
        }

        // References are letters and digits; anything else (a NUL, which PostgreSQL refuses as a parameter) is no payment.
        var userId = User.UserId();
        var reference = message.Reference;
        var payment = reference.Length <= 40 && reference.All(char.IsAsciiLetterOrDigit)
            ? await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Reference == reference && p.UserId == userId, ct)
            : null;
        if (payment is null || !await db.Dossiers.AnyAsync(d => d.Id == payment.DossierId && d.ApplicantUserId == userId, ct))
        {
            return NotFound();
        }

        TempData["Filed"] = payment.Status switch
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

    private Dictionary<string, string> Fields()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Request.Query)
        {
            fields[key] = value.ToString();
        }

        return fields;
    }
}
