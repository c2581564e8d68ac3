using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Statistics;

/// <summary>A rate on the dashboard: its value in the period, the year's target and where the year is heading.</summary>
public sealed record Indicator(TargetMetric Metric, double? Value, double Target, double? Projected);

/// <summary>Everything the leadership dashboard shows for one scope and period.</summary>
/// <param name="Months">The in-period counters of each month of <see cref="Year"/>.</param>
/// <param name="MonthEnds">Each month of the year as a period of its own, read at its end (today for the current one; null before it begins),
/// so that a month's on-time rate is the 766 rate of item 2.1 and not the share of its finished dossiers.</param>
public sealed record Dashboard(
    Period Period,
    StatisticsScope Scope,
    DateOnly Today,
    StatisticsSnapshot Snapshot,
    StatisticsCatalog Catalog,
    long[][] Months,
    IReadOnlyList<Figures?> MonthEnds,
    IReadOnlyDictionary<TargetMetric, Indicator> Indicators,
    ScorecardVersion Scorecard)
{
    public Figures Total => Snapshot.Total;

    /// <summary>The year the trend charts and the projections are about: the year the period ends in.</summary>
    public int Year => Period.To.Year;
}

/// <summary>Builds the dashboard from the buckets: one read for the period, one for the year's months, one for each month read at its end, the targets.</summary>
public sealed class BuildDashboard(PortalDb db, StatisticsReader reader, StatisticsConfiguration configuration)
{
    /// <param name="catalog">The catalogue if the caller has loaded it already.</param>
    public async Task<Dashboard> HandleAsync(Period period, StatisticsScope scope, DateOnly today, StatisticsCatalog? catalog, CancellationToken ct)
    {
        var snapshot = await reader.ReadAsync(period, today, scope, ct: ct);
        catalog ??= await StatisticsCatalog.LoadAsync(db, ct);
        var year = period.To.Year;
        var months = await reader.MonthlyAsync(year, scope, ct);
        var monthEnds = await reader.MonthEndsAsync(year, today, scope, ct);

        var targets = await TargetsAsync(db, configuration, year, ct);
        var total = snapshot.Total;
        Indicator Make(TargetMetric metric, double? value, Func<long[], double> numerator, Func<long[], double> denominator, Func<long[], double>? factor = null) =>
            new(metric, value, targets[metric], YearEnd.Rate(months, year, today, numerator, denominator, factor));
        long C(long[] m, Counter c) => m[(int)c];
        double Received(long[] m) => C(m, Counter.ReceivedInPerson) + C(m, Counter.ReceivedOnline) + C(m, Counter.ReceivedPostal);

        var indicators = new[]
        {
            Make(TargetMetric.PlainOnlineShare, total.PlainOnlineShare, m => C(m, Counter.ReceivedOnline), Received),
            Make(TargetMetric.OnlineRate766, total.OnlineRate766, m => C(m, Counter.Online766), Received, m => C(m, Counter.Synced)),
            new Indicator(TargetMetric.OnTimeRate, total.OnTimeRate, targets[TargetMetric.OnTimeRate], null),
            Make(TargetMetric.OnlinePaymentRate, total.OnlinePaymentRate, m => C(m, Counter.PaidOnline), m => C(m, Counter.PaidOnline) + C(m, Counter.PaidOffline)),
            Make(TargetMetric.ElectronicResultRate, total.ElectronicResultRate, m => C(m, Counter.ElectronicResult), m => C(m, Counter.Decided)),
            Make(TargetMetric.DigitisationRate, total.DigitisationRate, m => C(m, Counter.Digitised), Received),
            Make(TargetMetric.SatisfactionRate, total.SatisfactionRate, m => C(m, Counter.Satisfied), m => C(m, Counter.Rated)),
        }.ToDictionary(i => i.Metric);
        return new Dashboard(period, scope, today, snapshot, catalog, months, monthEnds, indicators, configuration.VersionAt(period.To));
    }

    /// <summary>The year's targets: those the leadership set, the configured defaults for the rest.</summary>
    public static async Task<Dictionary<TargetMetric, double>> TargetsAsync(PortalDb db, StatisticsConfiguration configuration, int year, CancellationToken ct)
    {
        var set = await db.StatisticsTargets.AsNoTracking().Where(t => t.Year == year).ToDictionaryAsync(t => t.Metric, t => t.Value, ct);
        return Enum.GetValues<TargetMetric>().ToDictionary(m => m, m => set.TryGetValue(m, out var v) ? v : configuration.DefaultTarget(m));
    }
}

/// <summary>
/// Year-end projection of a rate: the months so far as they are, the rest of the year at the volume and rate of the
/// last three complete months. A rate that is a product (766: online share × sync rate) takes a second numerator.
/// </summary>
public static class YearEnd
{
    public static double? Rate(long[][] months, int year, DateOnly today, Func<long[], double> numerator, Func<long[], double> denominator,
        Func<long[], double>? factor = null)
    {
        if (year < today.Year)
        {
            return Ratio(months, numerator, denominator, factor, 0, 0, 0);
        }

        if (year > today.Year)
        {
            return null;
        }

        var elapsed = today.Month - 1;
        var remaining = 12 - elapsed - ((double)today.Day / DateTime.DaysInMonth(year, today.Month));
        var recent = months.Take(elapsed).Skip(Math.Max(0, elapsed - 3)).ToList();
        if (recent.Count == 0)
        {
            return null;
        }

        double Pace(Func<long[], double> f) => recent.Sum(f) / recent.Count * remaining;
        return Ratio(months, numerator, denominator, factor, Pace(numerator), Pace(denominator), factor is null ? 0 : Pace(factor));
    }

    private static double? Ratio(long[][] months, Func<long[], double> numerator, Func<long[], double> denominator, Func<long[], double>? factor,
        double extraNumerator, double extraDenominator, double extraFactor)
    {
        var den = months.Sum(denominator) + extraDenominator;
        if (den <= 0)
        {
            return null;
        }

        var rate = (months.Sum(numerator) + extraNumerator) / den;
        return factor is null ? rate : rate * ((months.Sum(factor) + extraFactor) / den);
    }
}
