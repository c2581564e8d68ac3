using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;

namespace Portal.Core.Payments;

/// <summary>A fee the applicant may pay online now.</summary>
public sealed record PayableFee(int Index, string Name, long AmountVnd, string? Note);

/// <summary>
/// Starting a payment: what can be paid (the amount the agency requested in status 6, else the procedure's fees
/// while the dossier is open and unpaid), and a pending transaction with the gateway URL to go to. Without a
/// configured gateway nothing can be paid online (the desk takes the fee).
/// </summary>
public sealed class StartPaymentHandler(PortalDb db, OnlinePayment online, TimeProvider time)
{
    public const int RequestedFeeIndex = -1;

    /// <summary>The e-form field that says how many copies are asked for.</summary>
    public const string CopiesField = "copies";

    public static IReadOnlyList<PayableFee> Payable(Dossier dossier, ProcedureVersion version)
    {
        if (!dossier.CanBePaid)
        {
            return [];
        }

        if (dossier.Status == DossierStatus.AwaitingPayment && dossier.FeeDueVnd is > 0)
        {
            return [new PayableFee(RequestedFeeIndex, "Phí, lệ phí theo yêu cầu của cơ quan giải quyết", dossier.FeeDueVnd.Value, dossier.StatusNote)];
        }

        if (dossier.Status is DossierStatus.Submitted or DossierStatus.Received or DossierStatus.InProcess or DossierStatus.AwaitingSupplement)
        {
            // A per-copy fee counts the copies the e-form asked for (its "copies" field), one when it has none. Pages are
            // known only at the desk: a per-page fee is priced for one page here, the agency asks for the rest (status 6).
            var copies = int.TryParse(Filing.FormAnswers.Parse(dossier.FormData?.Json).Get(CopiesField), out var n) ? n : 1;
            return [.. version.Fees.Select((f, i) => (f, i, Amount: f.AmountFor(copies)))
                .Where(x => x.Amount is > 0).Select(x => new PayableFee(x.i, x.f.Name, x.Amount!.Value, x.f.Note))];
        }

        return [];
    }

    /// <summary>The citizen's address goes to the gateway (VNPAY asks for it); the return and notify addresses come from configuration.</summary>
    public async Task<string> HandleAsync(Dossier dossier, int feeIndex, Guid userId, string clientAddress, CancellationToken ct)
    {
        var gateway = online.Require();
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct);
        var fee = Payable(dossier, version).FirstOrDefault(f => f.Index == feeIndex)
            ?? throw new DomainException("Khoản phí này không thể thanh toán trực tuyến lúc này (đã thanh toán hoặc hồ sơ không còn chờ nộp phí).",
                "This fee cannot be paid online now (already paid, or the dossier no longer awaits payment).");
        var reference = "TT" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var payment = new PaymentTransaction(dossier.Id, reference, gateway.Name, fee.Name, fee.AmountVnd, userId, time.GetUtcNow().UtcDateTime);
        db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);
        return gateway.PaymentUrl(new PaymentRequest(payment, $"Thanh toán phí, lệ phí hồ sơ {dossier.Code}", clientAddress));
    }
}

public enum ConfirmOutcome
{
    /// <summary>No such transaction of this gateway: nothing changed.</summary>
    NotFound,

    /// <summary>The amount differs from what was asked: nothing changed.</summary>
    WrongAmount,
    Paid,
    Failed,

    /// <summary>The transaction was already settled: a repeated callback changes nothing.</summary>
    AlreadyDone,
}

/// <summary>
/// The gateway's server-to-server word on a payment (its verified notification, IPN): the transaction is settled
/// once, the dossier records "paid online" (processing resumes if it waited for payment), and the electronic fee
/// receipt is rendered in the background, all in one save. Safe to call any number of times: a replay finds the
/// transaction settled and changes nothing. The checks come in the order the gateways expect their answer codes:
/// order, amount, already confirmed.
/// </summary>
public sealed class ConfirmPaymentHandler(PortalDb db, TimeProvider time)
{
    public const string FeeReceiptType = "bien-lai-phi";

    public async Task<ConfirmOutcome> HandleAsync(string gateway, GatewayMessage message, CancellationToken ct)
    {
        // References are letters and digits; anything else (a NUL, which PostgreSQL refuses as a parameter) is no order.
        if (message.Reference.Length is 0 or > 40 || !message.Reference.All(char.IsAsciiLetterOrDigit))
        {
            return ConfirmOutcome.NotFound;
        }

        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Reference == message.Reference && p.Gateway == gateway, ct);
        if (payment is null)
        {
            return ConfirmOutcome.NotFound;
        }

        if (payment.AmountVnd != message.AmountVnd)
        {
            return ConfirmOutcome.WrongAmount;
        }

        if (payment.Status != PaymentStatus.Pending)
        {
            return ConfirmOutcome.AlreadyDone;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (message.Outcome != GatewayOutcome.Paid)
        {
            payment.MarkFailed(now);
            return await SaveAsync(ct) ? ConfirmOutcome.Failed : ConfirmOutcome.AlreadyDone;
        }

        payment.MarkPaid(message.TransactionId, now);
        var dossier = await db.Dossiers.SingleAsync(d => d.Id == payment.DossierId, ct);
        if (dossier.Payment == PaymentState.None && dossier.Status is not (DossierStatus.RefusedAtReception or DossierStatus.Withdrawn or DossierStatus.Stopped))
        {
            dossier.RecordPayment(true, now, new Actor(payment.UserId, "Cổng thanh toán trực tuyến", Roles.Citizen));
            db.Outbox.Add(RenderDocumentHandler.Request(dossier, FeeReceiptType, now));
        }
        else
        {
            payment.NeedsRefund("Hồ sơ đã được thanh toán hoặc đã kết thúc khi tiền về: cần hoàn trả.");
        }

        return await SaveAsync(ct) ? ConfirmOutcome.Paid : ConfirmOutcome.AlreadyDone;
    }

    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Two deliveries of the notification raced (the gateway retries); the other one settled it.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
