using System.Globalization;
using Portal.Core.Calendar;
using Portal.Core.Data.Seeding;

namespace Portal.Core.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = new(new WorkingTimeOptions(), ReferenceDataSeeder.OfficialDecisions);

    /// <summary>A local Vietnamese time (yyyy-MM-dd HH:mm) as the UTC instant the calendar takes.</summary>
    private static DateTime Vn(string local) =>
        DateTime.SpecifyKind(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).AddHours(-7), DateTimeKind.Utc);

    private static string Local(DateTime utc) => Calendar.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public void Three_working_days_from_a_Friday_skip_the_weekend() =>
        Assert.Equal("2026-03-11 10:00", Local(Calendar.PromisedAt(Vn("2026-03-06 10:00"), TimeLimit.WorkingDays(3))));

    [Fact]
    public void Tet_2026_holidays_and_weekends_are_skipped()
    {
        // Friday 13/02 from 10:00 gives 330 minutes; 14–22/02 is the Tết break; Mon 23 and Tue 24 are full days.
        Assert.Equal("2026-02-25 10:00", Local(Calendar.PromisedAt(Vn("2026-02-13 10:00"), TimeLimit.WorkingDays(3))));
        for (var d = new DateOnly(2026, 2, 14); d <= new DateOnly(2026, 2, 22); d = d.AddDays(1))
        {
            Assert.False(Calendar.IsWorkingDay(d), d.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Tet_2025_follows_the_published_decision_not_the_computed_default()
    {
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2025, 1, 27)));  // decided day off before Tết
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2025, 1, 31)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2025, 2, 3)));    // no compensation day: back to work
        var computedOnly = new WorkingCalendar(new WorkingTimeOptions(), []);
        Assert.True(computedOnly.IsWorkingDay(new DateOnly(2025, 1, 27)));
        Assert.False(computedOnly.IsWorkingDay(new DateOnly(2025, 2, 3)));
    }

    [Fact]
    public void Tet_2027_without_a_decision_gets_the_computed_days_and_compensation_for_the_weekend()
    {
        // Mùng 1 Đinh Mùi is Saturday 06/02/2027: 5/2–9/2 are Tết, the Saturday and Sunday give Wednesday 10 and Thursday 11 off.
        var days = StatutoryHolidays.For(2027).Select(h => h.Date).ToHashSet();
        foreach (var d in new[] { 5, 6, 7, 8, 9, 10, 11 })
        {
            Assert.Contains(new DateOnly(2027, 2, d), days);
        }

        Assert.True(Calendar.IsWorkingDay(new DateOnly(2027, 2, 12)));
    }

    [Fact]
    public void A_make_up_Saturday_is_a_working_day_and_the_swapped_Monday_is_off()
    {
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 8, 22)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 8, 31)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 9, 1)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 9, 2)));
        // Filed on Friday 21/08 after the cut-off: the clock starts on the make-up Saturday.
        Assert.Equal("2026-08-22 17:00", Local(Calendar.PromisedAt(Vn("2026-08-21 16:00"), TimeLimit.WorkingDays(1))));
    }

    [Fact]
    public void A_filing_after_the_cut_off_hour_starts_the_next_working_day() =>
        Assert.Equal("2026-03-11 17:00", Local(Calendar.PromisedAt(Vn("2026-03-09 15:30"), TimeLimit.WorkingDays(2))));

    [Fact]
    public void A_filing_on_a_holiday_starts_after_the_holidays()
    {
        // 30/4 (Thu) and 1/5 (Fri) are holidays, then the weekend.
        Assert.Equal("2026-05-04 07:30", Local(Calendar.StartOfCounting(Vn("2026-04-30 09:00"))));
        Assert.Equal("2026-05-05 17:00", Local(Calendar.PromisedAt(Vn("2026-04-30 09:00"), TimeLimit.WorkingDays(2))));
    }

    [Fact]
    public void Same_day_procedures_are_due_at_closing_time_or_the_next_working_day_after_the_cut_off()
    {
        Assert.Equal("2026-03-09 17:00", Local(Calendar.PromisedAt(Vn("2026-03-09 09:00"), TimeLimit.WorkingDays(0))));
        Assert.Equal("2026-03-10 17:00", Local(Calendar.PromisedAt(Vn("2026-03-09 15:10"), TimeLimit.WorkingDays(0))));
    }

    [Fact]
    public void Working_time_keeps_every_second_across_office_hours_boundaries()
    {
        var start = Vn("2026-03-10 10:00").AddSeconds(45);
        // A full working day, and a day and a half, from 10:00:45: no part-minute lost at noon or at closing time.
        Assert.Equal(480, Calendar.WorkingMinutesBetween(start, start.AddDays(1)));
        Assert.Equal(TimeSpan.FromMinutes(690), Calendar.WorkingTimeBetween(start, Vn("2026-03-11 15:00").AddSeconds(45)));
        Assert.Equal(start.AddDays(1), Calendar.AddWorkingMinutes(start, 480));
        Assert.Equal(Vn("2026-03-10 15:30").AddSeconds(45), Calendar.AddWorkingMinutes(start, 240));
        // Landing exactly on closing time stays there; going back lands exactly on the opening.
        Assert.Equal(Vn("2026-03-10 17:00"), Calendar.AddWorkingTime(Vn("2026-03-10 16:59").AddSeconds(30), TimeSpan.FromSeconds(30)));
        Assert.Equal(Vn("2026-03-10 13:00"), Calendar.SubtractWorkingMinutes(Vn("2026-03-10 14:00"), 60));
        Assert.Equal(Vn("2026-03-09 16:00"), Calendar.SubtractWorkingMinutes(Vn("2026-03-10 08:30"), 120));
    }

    [Fact]
    public void Reception_counts_from_its_minute_so_the_promise_has_no_stray_seconds()
    {
        // Received 10:00:45: three working days later at 10:00, never 10:01.
        Assert.Equal(Vn("2026-03-13 10:00"), Calendar.PromisedAt(Vn("2026-03-10 10:00").AddSeconds(45), TimeLimit.WorkingDays(3)));
        // Received 07:30:20 on Monday 22/12/2025: one working day ends at 17:00 that day, not at 07:31 on the 23rd.
        Assert.Equal(Vn("2025-12-22 17:00"), Calendar.PromisedAt(Vn("2025-12-22 07:30").AddSeconds(20), TimeLimit.WorkingDays(1)));
    }

    [Fact]
    public void Going_back_over_working_time_undoes_going_forward()
    {
        var random = new Random(2202);
        for (var i = 0; i < 500; i++)
        {
            var from = Calendar.StartOfCounting(Vn("2025-12-01 00:00").AddMinutes(random.Next(0, 200 * 24 * 60)));
            var minutes = random.Next(0, 30 * 480);
            Assert.Equal(from, Calendar.SubtractWorkingMinutes(Calendar.AddWorkingMinutes(from, minutes), minutes));
            Assert.Equal(minutes, Calendar.WorkingMinutesBetween(from, Calendar.AddWorkingMinutes(from, minutes)));
        }
    }

    [Fact]
    public void Working_hours_stop_for_lunch() =>
        Assert.Equal("2026-03-09 14:30", Local(Calendar.PromisedAt(Vn("2026-03-09 10:00"), new TimeLimit(3, TimeLimitUnit.WorkingHours))));

    [Fact]
    public void Calendar_days_are_not_turned_into_working_days_but_a_deadline_on_a_day_off_moves_to_the_next_working_day()
    {
        Assert.Equal("2026-03-12 17:00", Local(Calendar.PromisedAt(Vn("2026-03-02 09:00"), new TimeLimit(10, TimeLimitUnit.Days))));
        // 10 days from Wed 04/03 is Saturday 14/03: the deadline moves to Monday 16/03.
        Assert.Equal("2026-03-16 17:00", Local(Calendar.PromisedAt(Vn("2026-03-04 09:00"), new TimeLimit(10, TimeLimitUnit.Days))));
    }

    [Fact]
    public void A_pause_that_spans_a_holiday_counts_only_its_working_time()
    {
        // Wed 29/04 10:00 → Mon 04/05 10:00: 330 minutes on Wednesday, 150 on Monday; 30/4, 1/5 and the weekend are free.
        Assert.Equal(480, Calendar.WorkingMinutesBetween(Vn("2026-04-29 10:00"), Vn("2026-05-04 10:00")));
        var due = Vn("2026-05-06 17:00");
        Assert.Equal("2026-05-07 17:00", Local(Calendar.AddWorkingMinutes(due, 480)));
    }

    [Fact]
    public void A_holiday_on_a_weekend_gives_the_next_working_day_off()
    {
        // Giỗ Tổ 2026 is Sunday 26/04: Monday 27/04 is off.
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 4, 27)));
        Assert.Equal(DayKind.Holiday, Calendar.Describe(new DateOnly(2026, 4, 27)).Kind);
    }

    [Fact]
    public void The_year_lists_its_eleven_statutory_days_and_the_adjustments()
    {
        var special = Calendar.SpecialDays(2026);
        Assert.Contains(special, d => d.Date == new DateOnly(2026, 8, 22) && d.Kind == DayKind.AdjustedWorkingDay);
        Assert.Equal(11, StatutoryHolidays.For(2026).Count(h => !h.Name.StartsWith("Nghỉ bù", StringComparison.Ordinal)));
    }

    [Fact]
    public void Office_hours_that_overlap_are_refused() =>
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(new WorkingTimeOptions { MorningEnd = new TimeOnly(14, 0) }, []));
}
