using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;

namespace Portal.Core.Data;

public abstract partial class PortalDb
{
    /// <summary>Append-only: add rows, never change or remove them (the database refuses it).</summary>
    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();
}
