using Portal.Core.Catalog;
using Portal.Core.Statistics;

namespace Portal.Core.Tests.Statistics;

public sealed class ProjectionTests
{
    private static long[][] Months(Func<int, (long Received, long Online766, long Synced)> month) =>
        Enumerable.Range(0, 12).Select(m =>
        {
            var (received, online, synced) = month(m);
            var row = new long[Counters.Count];
            row[(int)Counter.ReceivedInPerson] = received - online;
            row[(int)Counter.ReceivedOnline] = online;
            row[(int)Counter.Online766] = online;
            row[(int)Counter.Synced] = synced;
            return row;
        }).ToArray();

    private static double Received(long[] m) => m[(int)Counter.ReceivedInPerson] + m[(int)Counter.ReceivedOnline];

    [Fact]
    public void The_rest_of_the_year_continues_at_the_pace_of_the_last_three_complete_months()
    {
        // 1 July: January–June done; April–June at 100 dossiers a month, 60 % online; earlier months 100 at 30 %.
        var months = Months(m => m switch { < 3 => (100, 30, 100), < 6 => (100, 60, 100), _ => (0, 0, 0) });
        var projected = YearEnd.Rate(months, 2026, new DateOnly(2026, 7, 1), m => m[(int)Counter.ReceivedOnline], Received);
        var remaining = 12 - 6 - (1.0 / 31);
        Assert.Equal((270 + (remaining * 60)) / (600 + (remaining * 100)), projected!.Value, 9);
        Assert.Equal(270.0 / 600, YearEnd.Rate(months, 2026, new DateOnly(2027, 3, 1), m => m[(int)Counter.ReceivedOnline], Received)!.Value, 9);
        Assert.Null(YearEnd.Rate(months, 2027, new DateOnly(2026, 7, 1), m => m[(int)Counter.ReceivedOnline], Received));
    }

    [Fact]
    public void The_tracker_says_how_many_more_online_dossiers_a_month_reach_the_target()
    {
        var months = Months(m => m < 6 ? (100, 30, 100) : (0, 0, 0));
        var inPeriod = new long[Counters.Count];
        inPeriod[(int)Counter.ReceivedOnline] = 180;
        inPeriod[(int)Counter.ReceivedInPerson] = 420;
        inPeriod[(int)Counter.Online766] = 180;
        inPeriod[(int)Counter.Synced] = 600;
        var soFar = Figures.From(inPeriod, new long[Counters.Count], new long[Counters.Count], new long[Counters.Count]);
        var version = StatisticsConfiguration.Load(null).VersionAt(new DateOnly(2026, 12, 31));
        StatisticsCatalog.ProcedureInfo[] offered = [new(1, "1", "a", 1, true, ServiceType.FullOnline, false, true, [1])];
        var p = TargetTracker.Project(null, 2026, new DateOnly(2026, 7, 1), months, soFar, offered, version, 0.5, 90);

        var remaining = 12 - 6 - (1.0 / 31);
        var yearTotal = 600 + (remaining * 100);
        Assert.Equal(100, p.MonthlyVolume, 9);
        Assert.Equal(30, p.OnlinePerMonthNow, 9);
        Assert.Equal(((0.5 * yearTotal) - 180) / remaining, p.OnlinePerMonthNeeded!.Value, 6);
        Assert.Equal(p.OnlinePerMonthNeeded!.Value - 30, p.ExtraOnlinePerMonth!.Value, 6);
        Assert.False(p.OnTrack);
        Assert.Equal(0.3, p.ProjectedOnlineRate766!.Value, 9);
    }
}
