using Portal.Core.Catalog;

namespace Portal.Core.Statistics;

public sealed record ItemScore(ScorecardItemConfig Item, double? Value, double? Points)
{
    /// <summary>The portal's data cannot compute the item, or there was nothing to measure in the period.</summary>
    public bool IsScored => Points is not null;
}

public sealed record GroupScore(ScorecardGroupConfig Group, IReadOnlyList<ItemScore> Items)
{
    public double Points => Items.Sum(i => i.Points ?? 0);

    public double ScoredMax => Items.Where(i => i.IsScored).Sum(i => i.Item.Max);
}

/// <summary>
/// The Decision 766 scorecard of one agency or the province: points per item (full marks at the threshold, proportional
/// below), the points the portal could compute, and the score scaled to 100 over those items.
/// </summary>
public sealed record Scorecard(ScorecardVersion Version, IReadOnlyList<GroupScore> Groups)
{
    public double Points => Groups.Sum(g => g.Points);

    public double ScoredMax => Groups.Sum(g => g.ScoredMax);

    /// <summary>Out of 100, over the items that could be computed.</summary>
    public double? Scaled => ScoredMax == 0 ? null : Points / ScoredMax * Version.Max;

    public static double PointsFor(ScorecardItemConfig item, double value) => item.Max * Math.Min(1, Math.Max(0, value) / item.FullAt);

    public static Scorecard Compute(ScorecardVersion version, Func<ScoreMetric, double?> values) =>
        new(version, version.Groups.Select(g => new GroupScore(g, g.Items.Select(i =>
        {
            var value = i.Metric is { } metric ? values(metric) : null;
            return new ItemScore(i, value, value is { } v ? PointsFor(i, v) : null);
        }).ToList())).ToList());

    public static Scorecard Compute(ScorecardVersion version, Figures figures, IEnumerable<StatisticsCatalog.ProcedureInfo> offered) =>
        Compute(version, MetricValues(figures, offered));

    /// <summary>Each metric from the figures of the period and the catalogue of procedures the scope offers.</summary>
    public static Func<ScoreMetric, double?> MetricValues(Figures figures, IEnumerable<StatisticsCatalog.ProcedureInfo> offered)
    {
        var procedures = offered.ToList();
        var feeBearing = procedures.Where(p => p.HasFees).ToList();
        return metric => metric switch
        {
            ScoreMetric.PublishedProcedures => Figures.Ratio(procedures.Count(p => p.IsPublished), procedures.Count),
            ScoreMetric.OnlineProcedures => Figures.Ratio(procedures.Count(IsOnline), procedures.Count),
            ScoreMetric.PayableOnlineProcedures => Figures.Ratio(feeBearing.Count(IsOnline), feeBearing.Count),
            ScoreMetric.SyncRate => figures.SyncRate,
            ScoreMetric.OnTimeRate => figures.OnTimeRate,
            ScoreMetric.OnlineRate766 => figures.OnlineRate766,
            ScoreMetric.OnlinePaymentRate => figures.OnlinePaymentRate,
            ScoreMetric.ElectronicResultRate => figures.ElectronicResultRate,
            ScoreMetric.DigitisationRate => figures.DigitisationRate,
            ScoreMetric.SatisfactionRate => figures.SatisfactionRate,
            _ => null,
        };
    }

    /// <summary>The dossiers that cost an item its points: lists behind these figures.</summary>
    public static IReadOnlyList<Figure> CostlyFigures(ScoreMetric metric) => metric switch
    {
        ScoreMetric.SyncRate => [Figure.Unsynced],
        ScoreMetric.OnTimeRate => [Figure.FinishedLate, Figure.Overdue],
        ScoreMetric.OnlineRate766 => [Figure.ReceivedInPersonOrPostal, Figure.OnlineWithoutResult, Figure.Unsynced],
        ScoreMetric.OnlinePaymentRate => [Figure.PaidOffline],
        ScoreMetric.ElectronicResultRate => [Figure.DecidedWithoutElectronicResult],
        ScoreMetric.DigitisationRate => [Figure.NotDigitised],
        ScoreMetric.SatisfactionRate => [Figure.Unsatisfied],
        _ => [],
    };

    /// <summary>Catalogue items: the procedures that cost points.</summary>
    public static IEnumerable<StatisticsCatalog.ProcedureInfo> CostlyProcedures(ScoreMetric metric, IEnumerable<StatisticsCatalog.ProcedureInfo> offered) => metric switch
    {
        ScoreMetric.PublishedProcedures => offered.Where(p => !p.IsPublished),
        ScoreMetric.OnlineProcedures => offered.Where(p => !IsOnline(p)),
        ScoreMetric.PayableOnlineProcedures => offered.Where(p => p.HasFees && !IsOnline(p)),
        _ => [],
    };

    public static bool IsOnline(StatisticsCatalog.ProcedureInfo p) => p.ServiceType is ServiceType.FullOnline or ServiceType.PartialOnline;
}
