using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Statistics;

public enum BucketGrain : byte
{
    Day = 1,
    Month = 2,
    Year = 3,
}

/// <summary>
/// Daily counts per agency, sector and procedure, with month and year roll-ups beside them (same columns, the period
/// start in <see cref="Day"/> as yyyymmdd). Rows only ever change by atomic increments (<see cref="BucketWriter"/>).
/// </summary>
public sealed class StatisticsBucket
{
    /// <summary>0 for an (agency, sector, procedure) row, 1 for the all-agencies roll-up, 2 for the per-agency roll-up.</summary>
    public byte Level { get; set; }

    public BucketGrain Grain { get; set; }

    /// <summary>First day of the period, as yyyymmdd (a month starts on 01, a year on 0101).</summary>
    public int Day { get; set; }

    public int AgencyId { get; set; }
    public int SectorId { get; set; }
    public int ProcedureId { get; set; }

    public int ReceivedInPerson { get; set; }
    public int ReceivedOnline { get; set; }
    public int ReceivedPostal { get; set; }
    public int Online766 { get; set; }
    public int Synced { get; set; }
    public int Decided { get; set; }
    public int ElectronicResult { get; set; }
    public int Digitised { get; set; }
    public int PaidOnline { get; set; }
    public int PaidOffline { get; set; }
    public int Rated { get; set; }
    public int RatingSum { get; set; }
    public int Satisfied { get; set; }
    public int FinishedEarly { get; set; }
    public int FinishedOnTime { get; set; }
    public int FinishedLate { get; set; }
    public int Promised { get; set; }
    public int KeptByFinish { get; set; }
    public int KeptByPromise { get; set; }
    public int PauseStarts { get; set; }
    public int PauseEnds { get; set; }
    public int PaidOfflineInPersonOrPostal { get; set; }
}

public sealed class StatisticsBucketConfiguration : IEntityTypeConfiguration<StatisticsBucket>
{
    public void Configure(EntityTypeBuilder<StatisticsBucket> builder)
    {
        builder.ToTable(BucketWriter.Table);
        // A read is a few range scans: one level (roll-ups for the province), one grain, a range of period starts.
        builder.HasKey(x => new { x.Level, x.Grain, x.Day, x.AgencyId, x.SectorId, x.ProcedureId });
        // An agency leader's reads: one agency's rows, a range of periods.
        builder.HasIndex(x => new { x.Level, x.AgencyId, x.Grain, x.Day });
    }
}
