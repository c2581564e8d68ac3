using Microsoft.EntityFrameworkCore;
using Portal.Core.Payments;

namespace Portal.Core.Data;

public abstract partial class PortalDb
{
    public DbSet<PaymentTransaction> Payments => Set<PaymentTransaction>();

    public DbSet<ReceiptCounter> ReceiptCounters => Set<ReceiptCounter>();
}
