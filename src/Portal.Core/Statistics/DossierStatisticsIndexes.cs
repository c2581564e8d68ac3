using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Dossiers;

namespace Portal.Core.Statistics;

/// <summary>
/// The list behind "finished in the period" reads dossiers by end of processing; without this index it scans them all.
/// An import's own dossiers (the lists behind its summary) are read by their run, indexed only where there is one.
/// </summary>
public sealed class DossierStatisticsIndexes : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> builder)
    {
        builder.HasIndex(x => x.FinishedAt);
        builder.HasIndex(x => x.ImportRunId).HasFilter("\"ImportRunId\" IS NOT NULL");
    }
}
