using Portal.Core.Calendar;

namespace Portal.Core.Tests.Calendar;

public sealed class VietnameseLunarCalendarTests
{
    [Theory]
    [InlineData(1968, "1968-01-29")] // Tết Mậu Thân: Viet Nam had just moved to UTC+7; China's calendar says 30/01
    [InlineData(1985, "1985-01-21")] // China: 20/02/1985
    [InlineData(2007, "2007-02-17")] // China: 18/02/2007
    [InlineData(2020, "2020-01-25")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    public void Tet_falls_on_the_Vietnamese_date(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), VietnameseLunarCalendar.NewYear(year));

    [Theory]
    [InlineData(1985, "1985-02-20")]
    [InlineData(2007, "2007-02-18")]
    public void The_same_algorithm_on_Chinas_meridian_gives_Chinas_date(int year, string china) =>
        Assert.Equal(DateOnly.Parse(china, System.Globalization.CultureInfo.InvariantCulture), VietnameseLunarCalendar.NewYear(year, timeZone: 8));

    [Fact]
    public void Chinese_lunisolar_calendar_of_dotnet_disagrees_on_2007_which_is_why_it_is_not_used()
    {
        var china = new System.Globalization.ChineseLunisolarCalendar();
        var tetInChina = china.ToDateTime(2007, 1, 1, 0, 0, 0, 0);
        Assert.Equal(new DateTime(2007, 2, 18), tetInChina);
        Assert.NotEqual(DateOnly.FromDateTime(tetInChina), VietnameseLunarCalendar.NewYear(2007));
    }

    [Theory]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void Hung_Kings_day_is_the_tenth_of_the_third_lunar_month(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), VietnameseLunarCalendar.ToSolar(10, 3, year));

    [Fact]
    public void Solar_to_lunar_and_back_round_trips_over_decades()
    {
        for (var d = new DateOnly(1990, 1, 1); d < new DateOnly(2040, 1, 1); d = d.AddDays(7))
        {
            var lunar = VietnameseLunarCalendar.FromSolar(d);
            Assert.Equal(d, VietnameseLunarCalendar.ToSolar(lunar.Day, lunar.Month, lunar.Year, lunar.IsLeapMonth));
        }
    }

    [Fact]
    public void A_leap_month_is_recognised()
    {
        // 2023 had a leap second month (tháng 2 nhuận): the new moon of 22/03/2023 00:23 (UTC+7) began it.
        var lunar = VietnameseLunarCalendar.FromSolar(new DateOnly(2023, 3, 24));
        Assert.Equal(new LunarDate(3, 2, 2023, true), lunar);
        Assert.Null(VietnameseLunarCalendar.ToSolar(1, 5, 2023, isLeapMonth: true));
    }
}
