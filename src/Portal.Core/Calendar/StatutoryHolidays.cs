namespace Portal.Core.Calendar;

public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// The public holidays that the Labour Code 2019 (Art. 112) gives every year, computed: 1/1, Tết Nguyên đán
/// (the last day of the old lunar year and the first four of the new), Giỗ Tổ Hùng Vương (10/3 lunar), 30/4, 1/5,
/// 2/9 with one adjacent day, and for a holiday that falls on a weekend the next working day off (Art. 111(3)).
/// The Prime Minister fixes the actual Tết and National Day days each year; those decisions are entered as
/// <see cref="CalendarAdjustment"/> rows, which override these defaults.
/// </summary>
public static class StatutoryHolidays
{
    public static IReadOnlyList<Holiday> For(int year)
    {
        var days = new List<Holiday> { new(new DateOnly(year, 1, 1), "Tết Dương lịch") };

        var tet = VietnameseLunarCalendar.NewYear(year);
        days.Add(new Holiday(tet.AddDays(-1), "Tết Nguyên đán (ngày cuối năm)"));
        for (var i = 0; i < 4; i++)
        {
            days.Add(new Holiday(tet.AddDays(i), $"Tết Nguyên đán (mùng {i + 1})"));
        }

        var hungKings = VietnameseLunarCalendar.ToSolar(10, 3, year)
            ?? throw new InvalidOperationException("The third lunar month always exists.");
        days.Add(new Holiday(hungKings, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"));
        days.Add(new Holiday(new DateOnly(year, 4, 30), "Ngày Chiến thắng"));
        days.Add(new Holiday(new DateOnly(year, 5, 1), "Ngày Quốc tế lao động"));

        var nationalDay = new DateOnly(year, 9, 2);
        days.Add(new Holiday(nationalDay, "Quốc khánh"));
        // The adjacent day is chosen to make the longest break: after a Monday or Thursday 2/9, before otherwise.
        var adjacent = nationalDay.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Thursday ? nationalDay.AddDays(1) : nationalDay.AddDays(-1);
        days.Add(new Holiday(adjacent, "Quốc khánh (ngày liền kề)"));

        days.Sort((a, b) => a.Date.CompareTo(b.Date));
        var taken = days.Select(d => d.Date).ToHashSet();
        var compensations = new List<Holiday>();
        foreach (var day in days.Where(d => IsWeekend(d.Date)))
        {
            var next = day.Date.AddDays(1);
            while (IsWeekend(next) || taken.Contains(next))
            {
                next = next.AddDays(1);
            }

            taken.Add(next);
            compensations.Add(new Holiday(next, $"Nghỉ bù {day.Name}"));
        }

        return [.. days.Concat(compensations).OrderBy(d => d.Date)];
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
