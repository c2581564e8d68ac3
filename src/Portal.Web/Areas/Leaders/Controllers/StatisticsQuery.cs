using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Portal.Core.Statistics;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Leaders.Controllers;

/// <summary>The period and scope of a statistics page, as the query string carries them (so every view is a link).</summary>
public sealed class StatisticsQuery
{
    public const string MonthKind = "thang";
    public const string QuarterKind = "quy";
    public const string YearKind = "nam";
    public const string RangeKind = "khoang";

    [FromQuery(Name = "ky")]
    public string? Kind { get; set; }

    [FromQuery(Name = "nam")]
    public int? Year { get; set; }

    [FromQuery(Name = "thang")]
    public int? Month { get; set; }

    [FromQuery(Name = "quy")]
    public int? Quarter { get; set; }

    [FromQuery(Name = "tu")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "den")]
    public DateOnly? To { get; set; }

    [FromQuery(Name = "coquan")]
    public int? Agency { get; set; }

    [FromQuery(Name = "linhvuc")]
    public int? Sector { get; set; }

    [FromQuery(Name = "thutuc")]
    public int? Procedure { get; set; }

    /// <summary>The period asked for; on bad input the current year, with the reasons added to <paramref name="errors"/>.</summary>
    public Period ToPeriod(DateOnly today, ModelStateDictionary errors)
    {
        void Fail(string vi, string en) => errors.AddModelError("ky", Bilingual.T(vi, en));
        var year = Year ?? today.Year;
        if (year is < 2000 or > 2100)
        {
            Fail("Năm phải từ 2000 đến 2100.", "The year must be between 2000 and 2100.");
            return Period.Year(today.Year);
        }

        switch (Kind ?? YearKind)
        {
            case MonthKind:
                if (Month is not (>= 1 and <= 12))
                {
                    Fail("Chọn tháng từ 1 đến 12.", "Choose a month from 1 to 12.");
                    return Period.Year(year);
                }

                return Period.Month(year, Month.Value);
            case QuarterKind:
                if (Quarter is not (>= 1 and <= 4))
                {
                    Fail("Chọn quý từ 1 đến 4.", "Choose a quarter from 1 to 4.");
                    return Period.Year(year);
                }

                return Period.Quarter(year, Quarter.Value);
            case YearKind:
                return Period.Year(year);
            case RangeKind:
                if (From is not { } from || To is not { } to)
                {
                    Fail("Khoảng thời gian cần cả ngày bắt đầu và ngày kết thúc.", "A date range needs both a start and an end date.");
                    return Period.Year(year);
                }

                if (from > to)
                {
                    Fail("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.", "The start date must be on or before the end date.");
                    return Period.Year(year);
                }

                if (from < GrainRange.Origin || to.Year > 2100 || to.DayNumber - from.DayNumber > 3660)
                {
                    Fail("Khoảng thời gian phải nằm trong 1990–2100 và không quá 10 năm.", "The range must lie within 1990–2100 and span at most 10 years.");
                    return Period.Year(year);
                }

                return Period.Custom(from, to);
            default:
                Fail("Loại kỳ báo cáo không hợp lệ.", "Unknown kind of period.");
                return Period.Year(year);
        }
    }

    /// <summary>The query string of this period and scope, with some values replaced (null removes one).</summary>
    public static string Link(Period period, StatisticsScope scope, params (string Key, object? Value)[] extra)
    {
        var values = new List<(string, string)>();
        switch (period.Kind)
        {
            case PeriodKind.Month:
                values.Add(("ky", MonthKind));
                values.Add(("nam", Number(period.From.Year)));
                values.Add(("thang", Number(period.From.Month)));
                break;
            case PeriodKind.Quarter:
                values.Add(("ky", QuarterKind));
                values.Add(("nam", Number(period.From.Year)));
                values.Add(("quy", Number(((period.From.Month - 1) / 3) + 1)));
                break;
            case PeriodKind.Year:
                values.Add(("ky", YearKind));
                values.Add(("nam", Number(period.From.Year)));
                break;
            default:
                values.Add(("ky", RangeKind));
                values.Add(("tu", period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                values.Add(("den", period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                break;
        }

        if (scope.AgencyId is { } agency)
        {
            values.Add(("coquan", Number(agency)));
        }

        if (scope.SectorId is { } sector)
        {
            values.Add(("linhvuc", Number(sector)));
        }

        if (scope.ProcedureId is { } procedure)
        {
            values.Add(("thutuc", Number(procedure)));
        }

        foreach (var (key, value) in extra)
        {
            values.RemoveAll(v => v.Item1 == key);
            if (value is not null)
            {
                values.Add((key, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
            }
        }

        return "?" + string.Join("&", values.Select(v => $"{v.Item1}={Uri.EscapeDataString(v.Item2)}"));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
