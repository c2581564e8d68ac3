namespace Portal.Core.Statistics;

/// <summary>Where one agency (or the province, without an id) stands against the year's targets, and what it takes to reach them.</summary>
public sealed record TargetProjection(
    int? AgencyId,
    long ReceivedSoFar,
    double? OnlineRate766SoFar,
    double? PlainOnlineShareSoFar,
    double? ProjectedOnlineRate766,
    double? ProjectedPlainOnlineShare,
    double TargetOnlineRate766,
    double? ScoreSoFar,
    double? ProjectedScore,
    double TargetScore,
    double MonthlyVolume,
    double OnlinePerMonthNow,
    double? OnlinePerMonthNeeded)
{
    /// <summary>More online (766-counted) dossiers a month needed from now to the end of the year; 0 when on track.</summary>
    public double? ExtraOnlinePerMonth => OnlinePerMonthNeeded is { } needed ? Math.Max(0, needed - OnlinePerMonthNow) : null;

    public bool OnTrack => ProjectedOnlineRate766 >= TargetOnlineRate766;
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
        var recent = months.Take(elapsed).Skip(Math.Max(0, elapsed - 3)).ToList();
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

        var offeredList = offered.ToList();
        var values = Scorecard.MetricValues(soFar, offeredList);
        var scoreNow = Scorecard.Compute(version, values).Scaled;
        var scoreProjected = Scorecard.Compute(version, m => m == ScoreMetric.OnlineRate766 ? projectedRate : values(m)).Scaled;
        return new TargetProjection(agencyId, received, soFar.OnlineRate766, soFar.PlainOnlineShare, projectedRate, projectedPlain, targetRate,
            scoreNow, scoreProjected, targetScore, volume, volume * online766Share, needed);
    }
}
