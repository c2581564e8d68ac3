using Microsoft.EntityFrameworkCore;
using Portal.Core.Security;

namespace Portal.Core.Data;

public abstract partial class PortalDb
{
    /// <summary>Written only through <see cref="Throttle"/> (one locked read-modify-write per failure).</summary>
    public DbSet<ThrottleCounter> ThrottleCounters => Set<ThrottleCounter>();
}
