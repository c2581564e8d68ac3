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
        Assert.Equal(TargetOutlook.Achievable, p.Outlook);
        Assert.Equal(Period.Custom(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)), p.Recent);
        Assert.Equal((3, 300L, 90L, 90L), (p.RecentMonths, p.RecentReceived, p.RecentOnline, p.RecentOnline766));
    }

    private static readonly ScorecardVersion Version = StatisticsConfiguration.Load(null).VersionAt(new DateOnly(2026, 12, 31));

    private static readonly StatisticsCatalog.ProcedureInfo[] Offered = [new(1, "1", "a", 1, true, ServiceType.FullOnline, false, true, [1])];

    /// <summary>The year so far: the months' in-period counters summed up to <paramref name="months"/> complete months (plus a share of the next).</summary>
    private static Figures SoFar(long[][] months, int upTo)
    {
        var inPeriod = new long[Counters.Count];
        foreach (var m in months.Take(upTo))
        {
            for (var c = 0; c < Counters.Count; c++)
            {
                inPeriod[c] += m[c];
            }
        }

        return Figures.From(inPeriod, inPeriod, inPeriod, new long[Counters.Count]);
    }

    [Fact]
    public void A_target_that_needs_more_online_dossiers_a_month_than_all_the_dossiers_received_a_month_is_out_of_reach()
    {
        // 7 December: January–November at 2 100 dossiers a month, 300 of them online and counted by 766, all synced; target 90 %.
        var months = Months(m => m < 11 ? (2100, 300, 2100) : (0, 0, 0));
        var p = TargetTracker.Project(null, 2026, new DateOnly(2026, 12, 7), months, SoFar(months, 11), Offered, Version, 0.9, 90);

        Assert.Equal(TargetOutlook.Unachievable, p.Outlook);
        Assert.Equal(2100, p.MonthlyVolume, 9);
        Assert.True(p.OnlinePerMonthNeeded > p.MonthlyVolume);
        Assert.Equal(Period.Custom(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30)), p.Recent);
        Assert.Equal(3 * 2100, p.RecentReceived);
        Assert.False(p.OnTrack);

        var easy = TargetTracker.Project(null, 2026, new DateOnly(2026, 12, 7), months, SoFar(months, 11), Offered, Version, 0.1, 90);
        Assert.Equal(TargetOutlook.OnTrack, easy.Outlook);
        Assert.True(easy.OnTrack);
    }

    [Fact]
    public void An_agency_without_dossiers_is_neither_on_track_nor_scored_although_its_catalogue_alone_would_score_100()
    {
        var empty = Months(_ => (0, 0, 0));
        var p = TargetTracker.Project(7, 2026, new DateOnly(2026, 7, 1), empty, Figures.Empty, Offered, Version, 0, 0);
        Assert.Equal(TargetOutlook.NoDossiers, p.Outlook);
        Assert.False(p.OnTrack);
        Assert.Null(p.ScoreSoFar);
        Assert.Null(p.ProjectedScore);
        Assert.Null(p.ProjectedOnlineRate766);
        Assert.Equal(100, Scorecard.Compute(Version, Figures.Empty, Offered).Scaled!.Value, 6);
    }

    [Fact]
    public void No_projection_is_made_without_a_complete_month_without_recent_dossiers_or_before_the_year_begins()
    {
        var months = Months(m => m < 3 ? (100, 30, 100) : (0, 0, 0));
        var january = TargetTracker.Project(null, 2026, new DateOnly(2026, 1, 20), months, SoFar(months, 1), Offered, Version, 0.5, 90);
        Assert.Equal((TargetOutlook.CannotProject, OutlookReason.NoCompleteMonth), (january.Outlook, january.Reason));
        Assert.Null(january.ProjectedOnlineRate766);
        Assert.Null(january.Recent);
        Assert.NotNull(january.ScoreSoFar);

        var quiet = TargetTracker.Project(null, 2026, new DateOnly(2026, 8, 10), months, SoFar(months, 7), Offered, Version, 0.5, 90);
        Assert.Equal((TargetOutlook.CannotProject, OutlookReason.NoRecentDossiers), (quiet.Outlook, quiet.Reason));
        Assert.Null(quiet.ProjectedScore);
        Assert.Null(quiet.OnlinePerMonthNeeded);

        var next = TargetTracker.Project(null, 2027, new DateOnly(2026, 8, 10), Months(_ => (0, 0, 0)), Figures.Empty, Offered, Version, 0.5, 90);
        Assert.Equal((TargetOutlook.CannotProject, OutlookReason.YearNotStarted), (next.Outlook, next.Reason));
    }

    [Fact]
    public void A_past_year_is_judged_on_its_final_rate()
    {
        var months = Months(_ => (100, 60, 100));
        var met = TargetTracker.Project(null, 2025, new DateOnly(2026, 3, 1), months, SoFar(months, 12), Offered, Version, 0.5, 90);
        Assert.Equal(TargetOutlook.Reached, met.Outlook);
        Assert.Equal(0.6, met.ProjectedOnlineRate766!.Value, 9);
        var missed = TargetTracker.Project(null, 2025, new DateOnly(2026, 3, 1), months, SoFar(months, 12), Offered, Version, 0.7, 90);
        Assert.Equal(TargetOutlook.NotReached, missed.Outlook);
        Assert.Null(missed.OnlinePerMonthNeeded);
    }
}
