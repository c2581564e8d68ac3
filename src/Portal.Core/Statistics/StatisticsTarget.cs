using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Statistics;

/// <summary>What the province aims at, per year: rates between 0 and 1, or the 766 score out of 100.</summary>
public enum TargetMetric : byte
{
    OnlineRate766 = 1,
    PlainOnlineShare = 2,
    OnTimeRate = 3,
    OnlinePaymentRate = 4,
    ElectronicResultRate = 5,
    DigitisationRate = 6,
    SatisfactionRate = 7,
    Score766 = 8,
}

/// <summary>What a target follows: the scorecard item it is the rate of, and the dossiers its rate counts.</summary>
public static class TargetMetrics
{
    /// <summary>The Decision 766 item a target is the rate of; null for the plain online share (no 766 item) and the score itself.</summary>
    public static ScoreMetric? ScoreMetricOf(TargetMetric metric) => metric switch
    {
        TargetMetric.OnlineRate766 => ScoreMetric.OnlineRate766,
        TargetMetric.OnTimeRate => ScoreMetric.OnTimeRate,
        TargetMetric.OnlinePaymentRate => ScoreMetric.OnlinePaymentRate,
        TargetMetric.ElectronicResultRate => ScoreMetric.ElectronicResultRate,
        TargetMetric.DigitisationRate => ScoreMetric.DigitisationRate,
        TargetMetric.SatisfactionRate => ScoreMetric.SatisfactionRate,
        _ => null,
    };

    /// <summary>
    /// The figure whose dossiers a target's rate counts (its numerator): the first fraction of the 766 item's value, or the
    /// online dossiers for the plain share; null for the score, which counts no dossiers.
    /// </summary>
    public static Figure? Counted(TargetMetric metric) => metric == TargetMetric.PlainOnlineShare ? Figure.ReceivedOnline
        : ScoreMetricOf(metric) is { } item && Scorecard.ValueFigures(item) is [var first, ..] ? first.CountedFigure : null;

    /// <summary>The dossiers that pull a target's rate down: the 766 item's, or the walk-ins and posted ones for the plain share.</summary>
    public static IReadOnlyList<Figure> Costly(TargetMetric metric) => metric == TargetMetric.PlainOnlineShare ? [Figure.ReceivedInPersonOrPostal]
        : ScoreMetricOf(metric) is { } item ? Scorecard.CostlyFigures(item) : [];
}

/// <summary>A yearly target set by the province's leadership; years without one use the defaults of the scorecard configuration.</summary>
public sealed class StatisticsTarget
{
    private StatisticsTarget()
    {
        UpdatedBy = string.Empty;
    }

    public StatisticsTarget(int year, TargetMetric metric, double value, string updatedBy, DateTime updatedAt)
    {
        Year = year;
        Metric = metric;
        UpdatedBy = updatedBy;
        Change(value, updatedBy, updatedAt);
    }

    public int Year { get; private set; }
    public TargetMetric Metric { get; private set; }
    public double Value { get; private set; }
    public string UpdatedBy { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public void Change(double value, string updatedBy, DateTime at)
    {
        var max = Metric == TargetMetric.Score766 ? 100 : 1;
        DomainException.Ensure(value >= 0 && value <= max,
            Metric == TargetMetric.Score766 ? "Chỉ tiêu điểm 766 phải từ 0 đến 100." : "Chỉ tiêu tỉ lệ phải từ 0 % đến 100 %.",
            Metric == TargetMetric.Score766 ? "The 766 score target must be between 0 and 100." : "A rate target must be between 0 % and 100 %.");
        Value = value;
        UpdatedBy = updatedBy;
        UpdatedAt = at;
    }
}

public sealed class StatisticsTargetConfiguration : IEntityTypeConfiguration<StatisticsTarget>
{
    public void Configure(EntityTypeBuilder<StatisticsTarget> builder)
    {
        builder.HasKey(x => new { x.Year, x.Metric });
        builder.Property(x => x.UpdatedBy).HasMaxLength(256);
    }
}
