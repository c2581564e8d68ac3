using Microsoft.EntityFrameworkCore;
using Portal.Core.Exchange;

namespace Portal.Core.Data;

public abstract partial class PortalDb
{
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();
}
