using Portal.Core.Dossiers;

namespace Portal.Core.Tests.Dossiers;

public sealed class TimelinessTests
{
    private static readonly TimeZoneInfo Zone = DossierScenarios.WorkCalendar.TimeZone;
    private static readonly DateOnly Promised = new(2026, 3, 10);

    private static DateTime Vn(int day, int hour) => new DateTime(2026, 3, day, hour, 0, 0, DateTimeKind.Utc).AddHours(-7);

    [Fact]
    public void Before_on_and_after_the_promised_date()
    {
        Assert.Equal(Timeliness.Early, DeadlineRules.Classify(Promised, Vn(9, 16), 0, Zone));
        Assert.Equal(Timeliness.OnTime, DeadlineRules.Classify(Promised, Vn(10, 23), 0, Zone));
        Assert.Equal(Timeliness.Late, DeadlineRules.Classify(Promised, Vn(11, 8), 0, Zone));
    }

    [Fact]
    public void Paused_working_time_is_subtracted_from_the_end_of_processing()
    {
        var calendar = DossierScenarios.WorkCalendar;
        // Finished Thursday 12/03 09:00: three working days paused reach back to Monday 09/03 (early), two to Tuesday 10/03 (on time).
        Assert.Equal(Timeliness.Early, DeadlineRules.Classify(Promised, calendar.SubtractWorkingMinutes(Vn(12, 9), 3 * 480), 1, Zone));
        Assert.Equal(Timeliness.OnTime, DeadlineRules.Classify(Promised, calendar.SubtractWorkingMinutes(Vn(12, 9), 2 * 480), 1, Zone));
        // Three days of the clock are not three working days: 72 hours paused on the clock over a weekend are far fewer working ones.
        Assert.Equal(Vn(9, 9), calendar.SubtractWorkingMinutes(Vn(12, 9), 3 * 480));
    }

    [Fact]
    public void The_local_date_decides_not_the_UTC_date()
    {
        // 10/03 23:30 in Hải Phòng is still 10/03 16:30 UTC: on time. 11/03 00:30 local is 10/03 17:30 UTC: late.
        Assert.Equal(Timeliness.OnTime, DeadlineRules.Classify(Promised, new DateTime(2026, 3, 10, 16, 30, 0, DateTimeKind.Utc), 0, Zone));
        Assert.Equal(Timeliness.Late, DeadlineRules.Classify(Promised, new DateTime(2026, 3, 10, 17, 30, 0, DateTimeKind.Utc), 0, Zone));
    }

    [Fact]
    public void More_than_one_processing_supplement_is_late_whatever_the_dates() =>
        Assert.Equal(Timeliness.Late, DeadlineRules.Classify(Promised, Vn(2, 9), 2, Zone));

    [Fact]
    public void In_progress_is_within_deadline_when_promised_on_or_after_the_report_end()
    {
        Assert.Equal(ProgressState.WithinDeadline, DeadlineRules.InProgress(Promised, new DateOnly(2026, 3, 10)));
        Assert.Equal(ProgressState.Overdue, DeadlineRules.InProgress(Promised, new DateOnly(2026, 3, 11)));
    }
}
