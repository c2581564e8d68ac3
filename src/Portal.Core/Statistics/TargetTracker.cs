namespace Portal.Core.Statistics;

/// <summary>Whether the year's online-rate target can still be reached, as the tracker judges it.</summary>
public enum TargetOutlook
{
    /// <summary>Nothing received or carried over in the year so far: nothing to judge, never "achieved".</summary>
    NoDossiers,

    /// <summary>No projection can be made; <see cref="TargetProjection.Reason"/> says why.</summary>
    CannotProject,

    /// <summary>The year is over (or ends today) and the rate reached the target.</summary>
    Reached,

    /// <summary>The year is over (or ends today) and the rate fell short.</summary>
    NotReached,

    /// <summary>At the recent pace the year ends at or above the target.</summary>
    OnTrack,

    /// <summary>More online dossiers a month are needed than now, but no more than the whole monthly volume.</summary>
    Achievable,

    /// <summary>More online dossiers a month are needed than all the dossiers received a month, or nothing is synced.</summary>
    Unachievable,
}

/// <summary>Why a projection cannot be made, or why the target cannot be reached.</summary>
public enum OutlookReason
{
    None,
    YearNotStarted,

    /// <summary>January: no complete month of the year to take the pace from.</summary>
    NoCompleteMonth,

    /// <summary>The last complete months received nothing: no pace to project.</summary>
    NoRecentDossiers,

    /// <summary>Carried-over dossiers only: no dossier received in the year, so no rate.</summary>
    NothingReceived,

    /// <summary>No dossier synced to the national portal: the 766 rate is 0 whatever the channel.</summary>
    NothingSynced,
}

/// <summary>Where one agency (or the province, without an id) stands against the year's targets, and what it takes to reach them.</summary>
public sealed record TargetProjection
{
    public int? AgencyId { get; init; }

    public long ReceivedSoFar { get; init; }

    public double? OnlineRate766SoFar { get; init; }

    public double? PlainOnlineShareSoFar { get; init; }

    /// <summary>Null when no projection can be made (see <see cref="Outlook"/>).</summary>
    public double? ProjectedOnlineRate766 { get; init; }

    public double? ProjectedPlainOnlineShare { get; init; }

    public double TargetOnlineRate766 { get; init; }

    /// <summary>Null when the scope has no dossiers: its catalogue alone would score it, misleadingly, up to 100.</summary>
    public double? ScoreSoFar { get; init; }

    public double? ProjectedScore { get; init; }

    public double TargetScore { get; init; }

    /// <summary>The complete months the pace is taken from (up to the last three), null when there is none.</summary>
    public Period? Recent { get; init; }

    public int RecentMonths { get; init; }

    /// <summary>Dossiers received in <see cref="Recent"/>, and of them online (channel) and online counted by 766.</summary>
    public long RecentReceived { get; init; }

    public long RecentOnline { get; init; }

    public long RecentOnline766 { get; init; }

    /// <summary>All dossiers received a month at the recent pace.</summary>
    public double MonthlyVolume => RecentMonths == 0 ? 0 : (double)RecentReceived / RecentMonths;

    /// <summary>Online dossiers (channel 2) a month at the recent pace.</summary>
    public double PlainOnlinePerMonthNow => RecentMonths == 0 ? 0 : (double)RecentOnline / RecentMonths;

    /// <summary>Online dossiers that count for the 766 rate a month at the recent pace.</summary>
    public double OnlinePerMonthNow => RecentMonths == 0 ? 0 : (double)RecentOnline766 / RecentMonths;

    /// <summary>Online (766-counted) dossiers a month from now to the year's end that would reach the target at the projected sync rate.</summary>
    public double? OnlinePerMonthNeeded { get; init; }

    public TargetOutlook Outlook { get; init; }

    public OutlookReason Reason { get; init; }

    /// <summary>More online (766-counted) dossiers a month needed from now to the end of the year; 0 when on track.</summary>
    public double? ExtraOnlinePerMonth => OnlinePerMonthNeeded is { } needed ? Math.Max(0, needed - OnlinePerMonthNow) : null;

    public bool OnTrack => Outlook is TargetOutlook.OnTrack or TargetOutlook.Reached;
}

/// <summary>
/// The target tracker. The rest of the year is projected at the pace of the last three complete months (volume, share of
/// 766-counted online dossiers, sync rate); the other rates of the scorecard are taken to stay as they are so far.
/// </summary>
public static class TargetTracker
{
    public static TargetProjection Project(int? agencyId, int year, DateOnly today, long[][] months, Figures soFar,
        IEnumerable<StatisticsCatalog.ProcedureInfo> offered, ScorecardVersion version, double targetRate, double targetScore)
    {
        // Months 0..elapsed-1 are complete; the current one counts for the share of it that has passed.
        var elapsed = year < today.Year ? 12 : year > today.Year ? 0 : today.Month - 1;
        var passedOfCurrent = year == today.Year ? (double)today.Day / DateTime.DaysInMonth(year, today.Month) : 0;
        var remaining = Math.Max(0, 12 - elapsed - passedOfCurrent);
        var first = Math.Max(0, elapsed - 3);
        var recent = months.Take(elapsed).Skip(first).ToList();
        long Sum(Counter c) => recent.Sum(m => m[(int)c]);
        var recentReceived = Sum(Counter.ReceivedOnline) + Sum(Counter.ReceivedInPerson) + Sum(Counter.ReceivedPostal);
        var volume = recent.Count == 0 ? 0 : (double)recentReceived / recent.Count;
        var online766Share = recentReceived == 0 ? 0 : (double)Sum(Counter.Online766) / recentReceived;
        var onlineShare = recentReceived == 0 ? 0 : (double)Sum(Counter.ReceivedOnline) / recentReceived;
        var syncShare = recentReceived == 0 ? 0 : (double)Sum(Counter.Synced) / recentReceived;

        var received = soFar.Received;
        var yearTotal = received + (remaining * volume);
        var projected766 = soFar[Figure.Online766] + (remaining * volume * online766Share);
        var projectedSynced = soFar[Figure.Synced] + (remaining * volume * syncShare);
        var projectedOnline = soFar[Figure.ReceivedOnline] + (remaining * volume * onlineShare);
        double? projectedRate = yearTotal == 0 ? null : projected766 / yearTotal * (projectedSynced / yearTotal);
        double? projectedPlain = yearTotal == 0 ? null : projectedOnline / yearTotal;

        // Online dossiers a month that would reach the target at the projected sync rate.
        double? needed = null;
        if (remaining > 0 && yearTotal > 0 && projectedSynced > 0)
        {
            var syncRate = projectedSynced / yearTotal;
            needed = Math.Max(0, ((targetRate * yearTotal / syncRate) - soFar[Figure.Online766]) / remaining);
        }

        var (outlook, reason) = (year > today.Year, soFar.HasDossiers) switch
        {
            (true, _) => (TargetOutlook.CannotProject, OutlookReason.YearNotStarted),
            (_, false) => (TargetOutlook.NoDossiers, OutlookReason.None),
            _ when received == 0 => (TargetOutlook.CannotProject, OutlookReason.NothingReceived),
            _ when remaining <= 0 => (projectedRate >= targetRate ? TargetOutlook.Reached : TargetOutlook.NotReached, OutlookReason.None),
            _ when recent.Count == 0 => (TargetOutlook.CannotProject, OutlookReason.NoCompleteMonth),
            _ when recentReceived == 0 => (TargetOutlook.CannotProject, OutlookReason.NoRecentDossiers),
            _ when needed is null => targetRate <= 0 ? (TargetOutlook.OnTrack, OutlookReason.None) : (TargetOutlook.Unachievable, OutlookReason.NothingSynced),
            _ when needed <= volume * online766Share => (TargetOutlook.OnTrack, OutlookReason.None),
            _ when needed > volume => (TargetOutlook.Unachievable, OutlookReason.None),
            _ => (TargetOutlook.Achievable, OutlookReason.None),
        };
        var projectable = outlook is not (TargetOutlook.NoDossiers or TargetOutlook.CannotProject);

        var offeredList = offered.ToList();
        var values = Scorecard.MetricValues(soFar, offeredList);
        var scoreNow = soFar.HasDossiers ? Scorecard.Compute(version, values).Scaled : null;
        var scoreProjected = projectable ? Scorecard.Compute(version, m => m == ScoreMetric.OnlineRate766 ? projectedRate : values(m)).Scaled : null;
        return new TargetProjection
        {
            AgencyId = agencyId,
            ReceivedSoFar = received,
            OnlineRate766SoFar = soFar.OnlineRate766,
            PlainOnlineShareSoFar = soFar.PlainOnlineShare,
            ProjectedOnlineRate766 = projectable ? projectedRate : null,
            ProjectedPlainOnlineShare = projectable ? projectedPlain : null,
            TargetOnlineRate766 = targetRate,
            ScoreSoFar = scoreNow,
            ProjectedScore = scoreProjected,
            TargetScore = targetScore,
            Recent = recent.Count == 0 ? null : Period.Custom(new DateOnly(year, first + 1, 1), new DateOnly(year, elapsed, 1).AddMonths(1).AddDays(-1)),
            RecentMonths = recent.Count,
            RecentReceived = recentReceived,
            RecentOnline = Sum(Counter.ReceivedOnline),
            RecentOnline766 = Sum(Counter.Online766),
            OnlinePerMonthNeeded = outlook is TargetOutlook.OnTrack or TargetOutlook.Achievable or TargetOutlook.Unachievable ? needed : null,
            Outlook = outlook,
            Reason = reason,
        };
    }
}
