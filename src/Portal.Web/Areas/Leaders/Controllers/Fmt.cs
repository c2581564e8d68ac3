using System.Globalization;

namespace Portal.Web.Areas.Leaders.Controllers;

/// <summary>Numbers as the reader's language writes them (vi-VN: 1.234 and 45,6 %).</summary>
public static class Fmt
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Percent(double? value, int decimals = 1) =>
        value is { } v ? (v * 100).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture) + " %" : "—";

    /// <summary>A target rate: whole percents without decimals, 62,5 % with one.</summary>
    public static string Target(double value) => Percent(value, Math.Abs((value * 100) - Math.Round(value * 100)) < 1e-9 ? 0 : 1);

    public static string Points(double? value) => value is { } v ? v.ToString("N2", CultureInfo.CurrentCulture) : "—";

    public static string Number(double? value, int decimals = 1) =>
        value is { } v ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture) : "—";

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A number for a data attribute read by JavaScript: invariant, never localised.</summary>
    public static string Raw(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>What the period and scope form needs.</summary>
public sealed record PeriodFormModel(string Action, StatisticsQuery Query, Portal.Core.Statistics.Period Period, Portal.Core.Statistics.StatisticsScope Scope,
    LeaderReach Reach, Portal.Core.Statistics.StatisticsCatalog Catalog, DateOnly Today, bool ShowAgency = true);
