namespace Portal.Core.Calendar;

/// <summary>A date of the Vietnamese lunar calendar (âm lịch).</summary>
public readonly record struct LunarDate(int Day, int Month, int Year, bool IsLeapMonth);

/// <summary>
/// The Vietnamese lunisolar calendar, computed astronomically for the meridian of UTC+7.
/// .NET's ChineseLunisolarCalendar uses China's UTC+8 meridian and disagrees with Viet Nam on some
/// years (Tết 2007: 17/02 here, 18/02 in China; Tết 1985: 21/01 here, 20/02 in China), so it must not be used.
/// The new-moon and solar-longitude series are Meeus' low-precision formulas, as published by Hồ Ngọc Đức.
/// </summary>
public static class VietnameseLunarCalendar
{
    public const double VietnamTimeZone = 7.0;
    private const double SynodicMonth = 29.530588853;
    private const double Epoch = 2415021.076998695;

    public static LunarDate FromSolar(DateOnly date, double timeZone = VietnamTimeZone)
    {
        var dayNumber = JulianDayNumber(date);
        var k = Floor((dayNumber - Epoch) / SynodicMonth);
        var monthStart = NewMoonDay(k + 1, timeZone);
        if (monthStart > dayNumber)
        {
            monthStart = NewMoonDay(k, timeZone);
        }

        var a11 = LunarMonth11(date.Year, timeZone);
        var b11 = a11;
        int lunarYear;
        if (a11 >= monthStart)
        {
            lunarYear = date.Year;
            a11 = LunarMonth11(date.Year - 1, timeZone);
        }
        else
        {
            lunarYear = date.Year + 1;
            b11 = LunarMonth11(date.Year + 1, timeZone);
        }

        var lunarDay = dayNumber - monthStart + 1;
        var diff = Floor((monthStart - a11) / 29.0);
        var isLeap = false;
        var lunarMonth = diff + 11;
        if (b11 - a11 > 365)
        {
            var leapMonthDiff = LeapMonthOffset(a11, timeZone);
            if (diff >= leapMonthDiff)
            {
                lunarMonth = diff + 10;
                isLeap = diff == leapMonthDiff;
            }
        }

        if (lunarMonth > 12)
        {
            lunarMonth -= 12;
        }

        if (lunarMonth >= 11 && diff < 4)
        {
            lunarYear -= 1;
        }

        return new LunarDate(lunarDay, lunarMonth, lunarYear, isLeap);
    }

    /// <summary>The solar date of a lunar date; null when a leap month is asked for a month that is not leap that year.</summary>
    public static DateOnly? ToSolar(int lunarDay, int lunarMonth, int lunarYear, bool isLeapMonth = false, double timeZone = VietnamTimeZone)
    {
        int a11, b11;
        if (lunarMonth < 11)
        {
            a11 = LunarMonth11(lunarYear - 1, timeZone);
            b11 = LunarMonth11(lunarYear, timeZone);
        }
        else
        {
            a11 = LunarMonth11(lunarYear, timeZone);
            b11 = LunarMonth11(lunarYear + 1, timeZone);
        }

        var k = Floor(0.5 + ((a11 - Epoch) / SynodicMonth));
        var off = lunarMonth - 11;
        if (off < 0)
        {
            off += 12;
        }

        if (b11 - a11 > 365)
        {
            var leapOff = LeapMonthOffset(a11, timeZone);
            var leapMonth = leapOff - 2;
            if (leapMonth < 0)
            {
                leapMonth += 12;
            }

            if (isLeapMonth && lunarMonth != leapMonth)
            {
                return null;
            }

            if (isLeapMonth || off >= leapOff)
            {
                off += 1;
            }
        }
        else if (isLeapMonth)
        {
            return null;
        }

        var monthStart = NewMoonDay(k + off, timeZone);
        return FromJulianDayNumber(monthStart + lunarDay - 1);
    }

    /// <summary>Mùng 1 Tết of the lunar year that begins in the given solar year.</summary>
    public static DateOnly NewYear(int solarYear, double timeZone = VietnamTimeZone) =>
        ToSolar(1, 1, solarYear, false, timeZone) ?? throw new InvalidOperationException("Month 1 is never a leap month.");

    private static int Floor(double x) => (int)Math.Floor(x);

    private static int JulianDayNumber(DateOnly d)
    {
        var a = (14 - d.Month) / 12;
        var y = d.Year + 4800 - a;
        var m = d.Month + (12 * a) - 3;
        var jd = d.Day + (((153 * m) + 2) / 5) + (365 * y) + (y / 4) - (y / 100) + (y / 400) - 32045;
        if (jd < 2299161)
        {
            jd = d.Day + (((153 * m) + 2) / 5) + (365 * y) + (y / 4) - 32083;
        }

        return jd;
    }

    private static DateOnly FromJulianDayNumber(int jd)
    {
        int b, c;
        if (jd > 2299160)
        {
            var a = jd + 32044;
            b = ((4 * a) + 3) / 146097;
            c = a - (b * 146097 / 4);
        }
        else
        {
            b = 0;
            c = jd + 32082;
        }

        var d = ((4 * c) + 3) / 1461;
        var e = c - (1461 * d / 4);
        var m = ((5 * e) + 2) / 153;
        var day = e - (((153 * m) + 2) / 5) + 1;
        var month = m + 3 - (12 * (m / 10));
        var year = (b * 100) + d - 4800 + (m / 10);
        return new DateOnly(year, month, day);
    }

    private static double NewMoon(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        const double dr = Math.PI / 180;
        var jd1 = 2415020.75933 + (29.53058868 * k) + (0.0001178 * t2) - (0.000000155 * t3);
        jd1 += 0.00033 * Math.Sin((166.56 + (132.87 * t) - (0.009173 * t2)) * dr);
        var m = 359.2242 + (29.10535608 * k) - (0.0000333 * t2) - (0.00000347 * t3);
        var mpr = 306.0253 + (385.81691806 * k) + (0.0107306 * t2) + (0.00001236 * t3);
        var f = 21.2964 + (390.67050646 * k) - (0.0016528 * t2) - (0.00000239 * t3);
        var c1 = ((0.1734 - (0.000393 * t)) * Math.Sin(m * dr)) + (0.0021 * Math.Sin(2 * dr * m));
        c1 = c1 - (0.4068 * Math.Sin(mpr * dr)) + (0.0161 * Math.Sin(dr * 2 * mpr));
        c1 -= 0.0004 * Math.Sin(dr * 3 * mpr);
        c1 = c1 + (0.0104 * Math.Sin(dr * 2 * f)) - (0.0051 * Math.Sin(dr * (m + mpr)));
        c1 = c1 - (0.0074 * Math.Sin(dr * (m - mpr))) + (0.0004 * Math.Sin(dr * ((2 * f) + m)));
        c1 = c1 - (0.0004 * Math.Sin(dr * ((2 * f) - m))) - (0.0006 * Math.Sin(dr * ((2 * f) + mpr)));
        c1 = c1 + (0.0010 * Math.Sin(dr * ((2 * f) - mpr))) + (0.0005 * Math.Sin(dr * ((2 * mpr) + m)));
        var deltaT = t < -11
            ? 0.001 + (0.000839 * t) + (0.0002261 * t2) - (0.00000845 * t3) - (0.000000081 * t * t3)
            : -0.000278 + (0.000265 * t) + (0.000262 * t2);
        return jd1 + c1 - deltaT;
    }

    private static double SunLongitude(double jdn)
    {
        var t = (jdn - 2451545.0) / 36525;
        var t2 = t * t;
        const double dr = Math.PI / 180;
        var m = 357.52910 + (35999.05030 * t) - (0.0001559 * t2) - (0.00000048 * t * t2);
        var l0 = 280.46645 + (36000.76983 * t) + (0.0003032 * t2);
        var dl = (1.914600 - (0.004817 * t) - (0.000014 * t2)) * Math.Sin(dr * m);
        dl = dl + ((0.019993 - (0.000101 * t)) * Math.Sin(dr * 2 * m)) + (0.000290 * Math.Sin(dr * 3 * m));
        var l = (l0 + dl) * dr;
        return l - (Math.PI * 2 * Math.Floor(l / (Math.PI * 2)));
    }

    private static int SunLongitudeSector(int dayNumber, double timeZone) =>
        Floor(SunLongitude(dayNumber - 0.5 - (timeZone / 24)) / Math.PI * 6);

    private static int NewMoonDay(int k, double timeZone) => Floor(NewMoon(k) + 0.5 + (timeZone / 24));

    private static int LunarMonth11(int year, double timeZone)
    {
        var off = JulianDayNumber(new DateOnly(year, 12, 31)) - 2415021;
        var k = Floor(off / SynodicMonth);
        var nm = NewMoonDay(k, timeZone);
        if (SunLongitudeSector(nm, timeZone) >= 9)
        {
            nm = NewMoonDay(k - 1, timeZone);
        }

        return nm;
    }

    private static int LeapMonthOffset(int a11, double timeZone)
    {
        var k = Floor(((a11 - Epoch) / SynodicMonth) + 0.5);
        var i = 1;
        var arc = SunLongitudeSector(NewMoonDay(k + i, timeZone), timeZone);
        int last;
        do
        {
            last = arc;
            i++;
            arc = SunLongitudeSector(NewMoonDay(k + i, timeZone), timeZone);
        }
        while (arc != last && i < 14);

        return i - 1;
    }
}
