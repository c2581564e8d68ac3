using Portal.Core.Catalog;

namespace Portal.Core.Statistics;

/// <summary>What moving one procedure's walk-in volume online would bring, if it alone moved.</summary>
/// <param name="WalkInDeskPayments">The procedure's walk-in and postal dossiers paid at the desk: the payments that can move.</param>
/// <param name="OnlineRatePointsGain">Raw points of item 3.3, out of the item's maximum.</param>
/// <param name="PaymentPointsGain">Raw points of item 4.2.</param>
/// <param name="ScoreGain">The gain of the 766 headline score, which is scaled to 100 over the items the portal can compute.</param>
/// <param name="BusiestDeskWalkIns">The procedure's walk-in and postal dossiers at the agency that takes most of them.</param>
public sealed record ChannelShiftCandidate(
    StatisticsCatalog.ProcedureInfo Procedure,
    long Received,
    long WalkIns,
    double MovableShare,
    long Movable,
    long WalkInDeskPayments,
    double MovedPayments,
    double OnlineShareGain,
    double OnlineRate766Gain,
    double OnlineRatePointsGain,
    double PaymentPointsGain,
    double? ScoreGain,
    int? BusiestAgencyId,
    long BusiestDeskWalkIns,
    double BusiestDeskWalkInsPerDay)
{
    /// <summary>Raw 766 points (items 3.3 and 4.2), not scaled.</summary>
    public double PointsGain => OnlineRatePointsGain + PaymentPointsGain;
}

/// <summary>
/// The channel-shift finder: procedures ranked by the 766 score the scope would gain if their walk-in (in person and
/// postal) volume moved online — as much of it as their service type allows (toàn trình, một phần). Only those
/// dossiers move: they reach the 766 numerator as often as the procedure's online dossiers do now (an electronic
/// result where the result is a document), and those of them paid at the desk pay online instead; the procedure's
/// online dossiers paid at the desk stay as they are. The gain is the headline's (<see cref="Scorecard.Scaled"/>);
/// ties go to the procedure whose busiest desk takes the most of its walk-ins a working day.
/// </summary>
public static class ChannelShift
{
    /// <param name="snapshot">A detailed snapshot (full keys), for the desks.</param>
    /// <param name="procedures">The catalogue's procedures by id.</param>
    /// <param name="offered">The procedures the scope offers, for the catalogue items of the scorecard.</param>
    public static IReadOnlyList<ChannelShiftCandidate> Rank(StatisticsSnapshot snapshot, IReadOnlyDictionary<int, StatisticsCatalog.ProcedureInfo> procedures, ScorecardVersion version,
        ChannelShiftAssumptions assumptions, int workingDays, IEnumerable<StatisticsCatalog.ProcedureInfo> offered)
    {
        var total = snapshot.Total;
        if (total.Received == 0)
        {
            return [];
        }

        var onlineItem = version.Items.FirstOrDefault(i => i.Metric == ScoreMetric.OnlineRate766);
        var paymentItem = version.Items.FirstOrDefault(i => i.Metric == ScoreMetric.OnlinePaymentRate);
        var values = Scorecard.MetricValues(total, offered);
        var scoreNow = Scorecard.Compute(version, values).Scaled;
        var currentRate = total.OnlineRate766 ?? 0;
        var syncRate = total.SyncRate ?? 0;
        var paid = total[Figure.PaidOnline] + total[Figure.PaidOffline];
        var currentPayment = total.OnlinePaymentRate ?? 0;
        var days = Math.Max(1, workingDays);

        var candidates = new List<ChannelShiftCandidate>();
        foreach (var (procedureId, figures) in snapshot.ByProcedure())
        {
            if (!procedures.TryGetValue(procedureId, out var procedure))
            {
                continue;
            }

            var walkIns = figures[Figure.ReceivedInPersonOrPostal];
            var share = procedure.ServiceType switch
            {
                ServiceType.FullOnline => assumptions.FullOnline,
                ServiceType.PartialOnline => assumptions.PartialOnline,
                _ => assumptions.InformationOnly,
            };
            var movable = (long)Math.Floor(walkIns * share);
            if (movable <= 0)
            {
                continue;
            }

            // Moved dossiers reach the 766 numerator as often as this procedure's online dossiers do today.
            var online = figures[Figure.ReceivedOnline];
            var counted = online > 0 ? (double)figures[Figure.Online766] / online : procedure.ResultIsDocument ? figures.ElectronicResultRate ?? 0 : 1;
            var newRate = (total[Figure.Online766] + (movable * counted)) / total.Received * syncRate;
            var onlinePoints = onlineItem is null ? 0 : Scorecard.PointsFor(onlineItem, newRate) - Scorecard.PointsFor(onlineItem, currentRate);

            // The moved share of the walk-ins' desk payments; the online dossiers' desk payments do not move.
            var deskPayments = figures[Figure.PaidOfflineInPersonOrPostal];
            var movedPayments = procedure.HasFees && paid > 0 ? deskPayments * ((double)movable / walkIns) : 0;
            var newPayment = paid > 0 ? (total[Figure.PaidOnline] + movedPayments) / paid : (double?)null;
            var paymentPoints = paymentItem is null || newPayment is null ? 0 : Scorecard.PointsFor(paymentItem, newPayment.Value) - Scorecard.PointsFor(paymentItem, currentPayment);

            var scoreAfter = Scorecard.Compute(version, m => m switch
            {
                ScoreMetric.OnlineRate766 => newRate,
                ScoreMetric.OnlinePaymentRate => newPayment,
                _ => values(m),
            }).Scaled;

            var desk = snapshot.ByKey.Where(k => k.Key.ProcedureId == procedureId)
                .GroupBy(k => k.Key.AgencyId)
                .Select(g => (Agency: g.Key, WalkIns: g.Sum(k => k.Value[Figure.ReceivedInPersonOrPostal])))
                .Where(d => d.WalkIns > 0)
                .OrderByDescending(d => d.WalkIns).ThenBy(d => d.Agency)
                .FirstOrDefault();
            candidates.Add(new ChannelShiftCandidate(procedure, figures.Received, walkIns, share, movable, deskPayments, movedPayments,
                (double)movable / total.Received, newRate - currentRate, onlinePoints, paymentPoints,
                scoreAfter - scoreNow,
                desk.WalkIns > 0 ? desk.Agency : null, desk.WalkIns, (double)desk.WalkIns / days));
        }

        return candidates
            .OrderByDescending(c => Math.Round(c.ScoreGain ?? c.PointsGain, 4))
            .ThenByDescending(c => c.OnlineShareGain)
            .ThenByDescending(c => c.BusiestDeskWalkInsPerDay)
            .ToList();
    }
}
