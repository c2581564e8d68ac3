using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;

namespace Portal.Core.Payments;

/// <summary>A fee the applicant may pay online now.</summary>
public sealed record PayableFee(int Index, string Name, long AmountVnd, string? Note);

/// <summary>One fee of the procedure priced for this dossier: null when the province sets the amount (asked for during processing).</summary>
public sealed record DueFee(int Index, Fee Fee, int Copies, long? AmountVnd);

/// <summary>
/// The procedure's fees priced for one dossier, in one place for the citizen's payment, the handler's request for
/// payment and the pages: a per-copy (or per-page) fee counts the copies the e-form asked for. An empty answer counts
/// as the least the field allows (its min: 0 for a copy "if requested", 1 for a request for copies), one copy when the
/// field has no min or the e-form no copies field. Pages are known only at the desk: a per-page fee is priced for one page here.
/// </summary>
public static class DossierFees
{
    /// <summary>The e-form field that says how many copies are asked for.</summary>
    public const string CopiesField = Filing.FormAnswers.CopiesKey;

    public static int CopiesAsked(ProcedureVersion version, string? formJson)
    {
        var field = version.Form.FirstOrDefault(f => f.Key == CopiesField);
        var least = field?.Min is { } min ? (int)Math.Max(0, min) : 1;
        var answer = field is null ? null : Filing.FormAnswers.Parse(formJson).Get(CopiesField);
        return decimal.TryParse(answer, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n >= 0 && n <= 1000 && n == decimal.Truncate(n) ? (int)n : least;
    }

    public static IReadOnlyList<DueFee> For(Dossier dossier, ProcedureVersion version)
    {
        var copies = CopiesAsked(version, dossier.FormData?.Json);
        return [.. version.Fees.Select((f, i) => new DueFee(i, f, f.Kind == FeeKind.Flat ? 1 : copies, f.AmountFor(copies)))];
    }

    /// <summary>What the procedure's priced fees come to for this dossier (what the handler is offered to ask for).</summary>
    public static long Total(Dossier dossier, ProcedureVersion version) => For(dossier, version).Sum(f => f.AmountVnd ?? 0);

    /// <summary>"Phí cấp bản sao trích lục hộ tịch (2 bản × 8.000 đồng)": the name with the count a per-copy fee was priced for.</summary>
    public static string Describe(DueFee due) => due.Fee.Kind == FeeKind.PerCopy && due.Fee.AmountVnd is { } each
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{due.Fee.Name} ({due.Copies} bản × {each.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))} đồng)")
        : due.Fee.Name;
}

/// <summary>
/// Starting a payment: what can be paid (the amount the agency requested in status 6, else the procedure's fees
/// while the dossier is open and unpaid), and a pending transaction with the gateway URL to go to. Without a
/// configured gateway nothing can be paid online (the desk takes the fee). The payee is the dossier's receiving
/// agency, the one that collects the fee and issues the receipt, never the portal.
/// </summary>
public sealed class StartPaymentHandler(PortalDb db, OnlinePayment online, TimeProvider time)
{
    public const int RequestedFeeIndex = -1;

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
            // A per-page fee is priced for one page: the agency asks for the rest (status 6).
            return [.. DossierFees.For(dossier, version).Where(f => f.AmountVnd is > 0)
                .Select(f => new PayableFee(f.Index, DossierFees.Describe(f), f.AmountVnd!.Value, f.Fee.Note))];
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
        var payee = await db.Agencies.AsNoTracking().Where(a => a.Id == dossier.AgencyId).Select(a => a.Name).SingleAsync(ct);
        var reference = "TT" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var payment = new PaymentTransaction(dossier.Id, reference, gateway.Name, fee.Name, fee.AmountVnd, userId, time.GetUtcNow().UtcDateTime, dossier.AgencyId, payee);
        db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);
        return gateway.PaymentUrl(new PaymentRequest(payment, OrderInfo(dossier.Code, payee), clientAddress));
    }

    /// <summary>What the gateway shows and prints on the citizen's bank statement: the dossier and the agency paid.</summary>
    public static string OrderInfo(string? dossierCode, string payee) => $"Nộp phí, lệ phí hồ sơ {dossierCode} cho {payee}";
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
public sealed class ConfirmPaymentHandler(PortalDb db, ReceiptNumbers receipts, TimeProvider time)
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
        if (!dossier.CanBePaid)
        {
            payment.NeedsRefund("Hồ sơ đã được thanh toán hoặc đã kết thúc khi tiền về: cần hoàn trả.");
            payment.RefundDue("Hồ sơ đã được thanh toán hoặc đã kết thúc khi tiền về: cần hoàn trả.", now);
            return await SaveAsync(ct) ? ConfirmOutcome.Paid : ConfirmOutcome.AlreadyDone;
        }

        dossier.RecordPayment(true, now, new Actor(payment.UserId, "Cổng thanh toán trực tuyến", Roles.Citizen));
        var receipt = RenderDocumentHandler.Request(dossier, FeeReceiptType, now);
        db.Outbox.Add(receipt);
        // The receipt's number is taken in the transaction that records the payment: a lost race gives it back.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        payment.Number(await receipts.NextAsync(payment.PayeeAgencyId, now, ct));
        if (!await SaveAsync(ct))
        {
            return ConfirmOutcome.AlreadyDone;
        }

        await transaction.CommitAsync(ct);
        db.SignalCommitted([receipt.Id]);
        return ConfirmOutcome.Paid;
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
