using System.Globalization;

namespace Portal.Core.Statistics;

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
    Custom,
}

/// <summary>A report period: inclusive local dates.</summary>
public sealed record Period(PeriodKind Kind, DateOnly From, DateOnly To)
{
    public static Period Month(int year, int month) =>
        new(PeriodKind.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));

    public static Period Quarter(int year, int quarter) =>
        new(PeriodKind.Quarter, new DateOnly(year, ((quarter - 1) * 3) + 1, 1), new DateOnly(year, ((quarter - 1) * 3) + 1, 1).AddMonths(3).AddDays(-1));

    public static Period Year(int year) => new(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static Period Custom(DateOnly from, DateOnly to) => new(PeriodKind.Custom, from, to);

    /// <summary>The day the states "in progress", "overdue" and "paused" are read at: the period's end, or today if it has not ended.</summary>
    public DateOnly AsOf(DateOnly today) => To < today ? To : today < From ? From : today;

    public string Vietnamese => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"Tháng {From.Month}/{From.Year}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"Quý {((From.Month - 1) / 3) + 1}/{From.Year}"),
        PeriodKind.Year => string.Create(CultureInfo.InvariantCulture, $"Năm {From.Year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Từ {From:dd/MM/yyyy} đến {To:dd/MM/yyyy}"),
    };

    public string English => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{From:MMMM yyyy}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"Q{((From.Month - 1) / 3) + 1} {From.Year}"),
        PeriodKind.Year => string.Create(CultureInfo.InvariantCulture, $"Year {From.Year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{From:dd/MM/yyyy} to {To:dd/MM/yyyy}"),
    };
}

/// <summary>What a figure covers: the province (no agency) or one agency, optionally one sector or procedure.</summary>
public sealed record StatisticsScope(int? AgencyId = null, int? SectorId = null, int? ProcedureId = null)
{
    public static readonly StatisticsScope Province = new();

    public bool Contains(BucketKey key) =>
        (AgencyId is null || AgencyId == key.AgencyId) && (SectorId is null || SectorId == key.SectorId) && (ProcedureId is null || ProcedureId == key.ProcedureId);
}
