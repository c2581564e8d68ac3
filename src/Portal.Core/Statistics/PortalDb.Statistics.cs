using Microsoft.EntityFrameworkCore;
using Portal.Core.Statistics;

namespace Portal.Core.Data;

public abstract partial class PortalDb
{
    public DbSet<StatisticsBucket> StatisticsBuckets => Set<StatisticsBucket>();
    public DbSet<StatisticsTarget> StatisticsTargets => Set<StatisticsTarget>();
}
