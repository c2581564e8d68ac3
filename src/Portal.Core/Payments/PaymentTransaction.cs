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
        Reference = Gateway = FeeName = string.Empty;
    }

    public PaymentTransaction(long dossierId, string reference, string gateway, string feeName, long amountVnd, Guid userId, DateTime at)
    {
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
        p.Property(x => x.Version).IsConcurrencyToken();
        p.HasOne<Dossiers.Dossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
    }
}
