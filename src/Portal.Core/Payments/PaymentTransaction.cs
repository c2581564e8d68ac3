using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Payments;

public enum PaymentStatus : byte
{
    Pending = 1,
    Paid = 2,
    Failed = 3,
}

/// <summary>
/// One attempt to pay a dossier's fee through a gateway. Only the gateway's server-side word (a signed callback or
/// a server-to-server query) moves it to Paid; what the browser brings back on the return URL is never trusted.
/// </summary>
public sealed class PaymentTransaction
{
    private PaymentTransaction()
    {
        Reference = Gateway = FeeName = PayeeName = string.Empty;
    }

    /// <param name="payeeAgencyId">The agency that collects the fee (the dossier's receiving agency): the gateway names it as the payee, the receipt as the issuer.</param>
    public PaymentTransaction(long dossierId, string reference, string gateway, string feeName, long amountVnd, Guid userId, DateTime at, int payeeAgencyId, string payeeName)
    {
        DomainException.Ensure(!string.IsNullOrWhiteSpace(payeeName), "Thiếu đơn vị thụ hưởng khoản phí.", "The payee of the fee is missing.");
        PayeeAgencyId = payeeAgencyId;
        PayeeName = payeeName;
        DossierId = dossierId;
        Reference = reference;
        Gateway = gateway;
        FeeName = feeName;
        AmountVnd = amountVnd;
        UserId = userId;
        CreatedAt = at;
        Status = PaymentStatus.Pending;
    }

    public long Id { get; private set; }
    public long DossierId { get; private set; }

    /// <summary>The portal's order reference sent to the gateway (unique).</summary>
    public string Reference { get; private set; }

    public string Gateway { get; private set; }
    public string FeeName { get; private set; }
    public long AmountVnd { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The collecting agency, as it was named when the payment started: the gateway's payee and the receipt's issuer are this one name.</summary>
    public int PayeeAgencyId { get; private set; }

    public string PayeeName { get; private set; }

    /// <summary>The fee receipt's series and number (ký hiệu, số), given when the dossier took the payment; null for money it could not take.</summary>
    public string? ReceiptSeries { get; private set; }

    public int? ReceiptNumber { get; private set; }

    /// <summary>Set when the fee must be paid back (the dossier was withdrawn before reception, or the money came for a closed dossier); the agency refunds it.</summary>
    public DateTime? RefundDueAt { get; private set; }
    public PaymentStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }

    /// <summary>The gateway's own transaction number (printed on the fee receipt).</summary>
    public string? GatewayTransactionId { get; private set; }

    /// <summary>Set when the money arrived but the dossier could not take it (already paid, closed): to refund.</summary>
    public string? Note { get; private set; }

    /// <summary>Optimistic concurrency: the callback and the return-page query may race; one of them wins.</summary>
    public int Version { get; private set; }

    /// <summary>True the first time only: a repeated confirmation changes nothing.</summary>
    public bool MarkPaid(string gatewayTransactionId, DateTime at)
    {
        if (Status == PaymentStatus.Paid)
        {
            return false;
        }

        Status = PaymentStatus.Paid;
        Version++;
        GatewayTransactionId = gatewayTransactionId;
        CompletedAt = at;
        return true;
    }

    public bool MarkFailed(DateTime at)
    {
        if (Status != PaymentStatus.Pending)
        {
            return false;
        }

        Status = PaymentStatus.Failed;
        Version++;
        CompletedAt = at;
        return true;
    }

    public void NeedsRefund(string note) => Note = note;

    /// <summary>The receipt's series and number, once: a replayed confirmation keeps the first.</summary>
    public void Number(ReceiptNumber number)
    {
        DomainException.Ensure(Status == PaymentStatus.Paid, "Chỉ cấp số biên lai cho khoản đã thanh toán.", "Only a paid fee gets a receipt number.");
        DomainException.Ensure(ReceiptNumber is null, "Khoản thanh toán đã có số biên lai.", "The payment already has a receipt number.");
        ReceiptSeries = number.Series;
        ReceiptNumber = number.Number;
        Version++;
    }

    /// <summary>Records that the fee is to be paid back, and why; the first reason stands.</summary>
    public bool RefundDue(string reason, DateTime at)
    {
        if (Status != PaymentStatus.Paid || RefundDueAt is not null)
        {
            return false;
        }

        RefundDueAt = at;
        Note ??= reason;
        Version++;
        return true;
    }
}

internal sealed class PaymentTransactionConfiguration : IEntityTypeConfiguration<PaymentTransaction>
{
    public void Configure(EntityTypeBuilder<PaymentTransaction> p)
    {
        p.HasIndex(x => x.Reference).IsUnique();
        p.HasIndex(x => x.DossierId);
        p.Property(x => x.Reference).HasMaxLength(40);
        p.Property(x => x.Gateway).HasMaxLength(40);
        p.Property(x => x.GatewayTransactionId).HasMaxLength(64);
        p.Property(x => x.PayeeName).HasMaxLength(300);
        p.Property(x => x.ReceiptSeries).HasMaxLength(20);
        // One receipt per series and number: the counter's guard, and the tax authority's.
        p.HasIndex(x => new { x.PayeeAgencyId, x.ReceiptSeries, x.ReceiptNumber }).IsUnique();
        p.Property(x => x.Version).IsConcurrencyToken();
        p.HasOne<Dossiers.Dossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
    }
}
