using Portal.Core.Catalog;

namespace Portal.Core.Statistics;

public sealed record ItemScore(ScorecardItemConfig Item, double? Value, double? Points)
{
    /// <summary>The portal's data cannot compute the item, or there was nothing to measure in the period.</summary>
    public bool IsScored => Points is not null;

    /// <summary>Whether the portal's data has a metric for the item at all (else it is never scored).</summary>
    public bool IsComputable => Item.Metric is not null;
}

public sealed record GroupScore(ScorecardGroupConfig Group, IReadOnlyList<ItemScore> Items)
{
    /// <summary>Null when no item of the group could be computed: Decision 766 leaves such a group out of the score, it does not score 0.</summary>
    public double? Points => IsScored ? Items.Sum(i => i.Points ?? 0) : null;

    /// <summary>The group's points that could be computed: the maximum the group is measured against.</summary>
    public double ScoredMax => Items.Where(i => i.IsScored).Sum(i => i.Item.Max);

    public bool IsScored => Items.Any(i => i.IsScored);
}

/// <summary>A fraction of sums of figures; an item's value is the product of its fractions (see <see cref="Scorecard.ValueFigures"/>).</summary>
/// <param name="Counted">The one figure whose list holds the numerator's dossiers, when the numerator is a sum of several.</param>
public sealed record FigureRatio(IReadOnlyList<Figure> Numerator, IReadOnlyList<Figure> Denominator, Figure? Counted = null)
{
    /// <summary>The figure a link to the numerator's dossiers opens.</summary>
    public Figure CountedFigure => Counted ?? (Numerator.Count == 1 ? Numerator[0]
        : throw new InvalidOperationException("A numerator of several figures names the figure that lists them."));

    public double? Of(Figures figures) => Figures.Ratio(Numerator.Sum(f => figures[f]), Denominator.Sum(f => figures[f]));
}

/// <summary>One agency's line of the ranking: a rank only when it had dossiers to be measured on.</summary>
public sealed record RankedAgency(int? Rank, int AgencyId, string Name, Scorecard Scorecard, Figures Figures)
{
    public bool IsRanked => Rank is not null;
}

/// <summary>
/// The Decision 766 scorecard of one agency or the province: points per item (full marks at the threshold, proportional
/// below), the points the portal could compute, and the score scaled to 100 over those items.
/// </summary>
public sealed record Scorecard(ScorecardVersion Version, IReadOnlyList<GroupScore> Groups)
{
    public double Points => Groups.Sum(g => g.Points ?? 0);

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

    /// <summary>
    /// What a dossier item's value is computed from, as lists: the value is the product of these fractions (the 766 rate is
    /// online counted by 766 ÷ received × synced ÷ received). Empty for catalogue items and items without a metric.
    /// </summary>
    public static IReadOnlyList<FigureRatio> ValueFigures(ScoreMetric metric) => metric switch
    {
        ScoreMetric.SyncRate => [new([Figure.Synced], [Figure.Received])],
        ScoreMetric.OnTimeRate => [new([Figure.FinishedEarly, Figure.FinishedOnTime, Figure.WithinDeadline], [Figure.Finished, Figure.InProgress], Figure.OnTimeOrWithinDeadline)],
        ScoreMetric.OnlineRate766 => [new([Figure.Online766], [Figure.Received]), new([Figure.Synced], [Figure.Received])],
        ScoreMetric.OnlinePaymentRate => [new([Figure.PaidOnline], [Figure.PaidOnline, Figure.PaidOffline])],
        ScoreMetric.ElectronicResultRate => [new([Figure.ElectronicResult], [Figure.Decided])],
        ScoreMetric.DigitisationRate => [new([Figure.Digitised], [Figure.Received])],
        ScoreMetric.SatisfactionRate => [new([Figure.Satisfied], [Figure.Rated])],
        _ => [],
    };

    /// <summary>Items counted over the catalogue of procedures rather than over dossiers.</summary>
    public static bool IsCatalogue(ScoreMetric metric) =>
        metric is ScoreMetric.PublishedProcedures or ScoreMetric.OnlineProcedures or ScoreMetric.PayableOnlineProcedures;

    /// <summary>A catalogue item's procedures: those it counts (numerator) out of those it measures (denominator).</summary>
    public static (IReadOnlyList<StatisticsCatalog.ProcedureInfo> Counted, IReadOnlyList<StatisticsCatalog.ProcedureInfo> Measured) CatalogueSets(
        ScoreMetric metric, IEnumerable<StatisticsCatalog.ProcedureInfo> offered)
    {
        var measured = (metric == ScoreMetric.PayableOnlineProcedures ? offered.Where(p => p.HasFees) : offered).ToList();
        var costly = CostlyProcedures(metric, measured).ToHashSet();
        return ([.. measured.Where(p => !costly.Contains(p))], measured);
    }

    /// <summary>
    /// The agencies ranked by scaled score, ties sharing a rank (on the score as shown, two decimals). An agency with no
    /// dossiers in the period (<see cref="Figures.HasDossiers"/>) is listed after them without a rank: only its catalogue
    /// could be measured, and a full catalogue must not put it above agencies that handled dossiers.
    /// </summary>
    public static IReadOnlyList<RankedAgency> Rank(IEnumerable<(int AgencyId, string Name, Scorecard Scorecard, Figures Figures)> agencies)
    {
        var all = agencies.ToList();
        var measured = all.Where(a => a.Figures.HasDossiers && a.Scorecard.Scaled is not null)
            .Select(a => (Entry: a, Shown: Math.Round(a.Scorecard.Scaled!.Value, 2)))
            .OrderByDescending(a => a.Shown).ThenBy(a => a.Entry.Name, StringComparer.Ordinal).ToList();
        var ranked = measured.Select(a => new RankedAgency(1 + measured.Count(b => b.Shown > a.Shown), a.Entry.AgencyId, a.Entry.Name, a.Entry.Scorecard, a.Entry.Figures));
        var apart = all.Where(a => !(a.Figures.HasDossiers && a.Scorecard.Scaled is not null)).OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new RankedAgency(null, a.AgencyId, a.Name, a.Scorecard, a.Figures));
        return [.. ranked, .. apart];
    }

    /// <summary>
    /// The dossiers that cost an item its points: lists behind these figures. For each item they are exactly what its value's
    /// denominator holds beyond the numerator (for the 766 rate: not online-counted, and not synced).
    /// </summary>
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
