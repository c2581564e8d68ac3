using Portal.Core.Catalog;

namespace Portal.Core.Statistics;

/// <summary>What moving one procedure's walk-in volume online would bring, if it alone moved.</summary>
public sealed record ChannelShiftCandidate(
    StatisticsCatalog.ProcedureInfo Procedure,
    long Received,
    long WalkIns,
    double MovableShare,
    long Movable,
    double OnlineShareGain,
    double OnlineRate766Gain,
    double OnlineRatePointsGain,
    double PaymentPointsGain,
    int? BusiestAgencyId,
    double BusiestDeskWalkInsPerDay)
{
    public double PointsGain => OnlineRatePointsGain + PaymentPointsGain;
}

/// <summary>
/// The channel-shift finder: procedures ranked by the 766 points and online rate the scope would gain if their walk-in
/// (in person and postal) volume moved online — as much of it as their service type allows (toàn trình, một phần) —
/// with the moved dossiers getting an electronic result as the procedure's online dossiers do now, and paying online
/// where there is a fee; ties go to the procedure whose busiest desk takes the most walk-ins a working day.
/// </summary>
public static class ChannelShift
{
    /// <param name="snapshot">A detailed snapshot (full keys), for the desks.</param>
    public static IReadOnlyList<ChannelShiftCandidate> Rank(StatisticsSnapshot snapshot, StatisticsCatalog catalog, ScorecardVersion version,
        ChannelShiftAssumptions assumptions, int workingDays)
    {
        var total = snapshot.Total;
        if (total.Received == 0)
        {
            return [];
        }

        var onlineItem = version.Items.FirstOrDefault(i => i.Metric == ScoreMetric.OnlineRate766);
        var paymentItem = version.Items.FirstOrDefault(i => i.Metric == ScoreMetric.OnlinePaymentRate);
        var currentRate = total.OnlineRate766 ?? 0;
        var syncRate = total.SyncRate ?? 0;
        var paid = total[Figure.PaidOnline] + total[Figure.PaidOffline];
        var currentPayment = total.OnlinePaymentRate ?? 0;
        var days = Math.Max(1, workingDays);
        var walkInsByAgency = snapshot.ByAgency().ToDictionary(p => p.Key, p => p.Value[Figure.ReceivedInPersonOrPostal]);

        var candidates = new List<ChannelShiftCandidate>();
        foreach (var (procedureId, figures) in snapshot.ByProcedure())
        {
            if (!catalog.Procedures.TryGetValue(procedureId, out var procedure))
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

            var paymentPoints = 0.0;
            if (procedure.HasFees && paymentItem is not null && paid > 0 && walkIns > 0)
            {
                var movedPayments = figures[Figure.PaidOffline] * ((double)movable / walkIns);
                var newPayment = (total[Figure.PaidOnline] + movedPayments) / paid;
                paymentPoints = Scorecard.PointsFor(paymentItem, newPayment) - Scorecard.PointsFor(paymentItem, currentPayment);
            }

            var desks = snapshot.ByKey.Where(k => k.Key.ProcedureId == procedureId)
                .GroupBy(k => k.Key.AgencyId)
                .Select(g => (Agency: g.Key, WalkIns: g.Sum(k => k.Value[Figure.ReceivedInPersonOrPostal])))
                .OrderByDescending(d => walkInsByAgency.GetValueOrDefault(d.Agency)).ThenByDescending(d => d.WalkIns)
                .FirstOrDefault(d => d.WalkIns > 0);
            candidates.Add(new ChannelShiftCandidate(procedure, figures.Received, walkIns, share, movable,
                (double)movable / total.Received, newRate - currentRate, onlinePoints, paymentPoints,
                desks.WalkIns > 0 ? desks.Agency : null,
                desks.WalkIns > 0 ? (double)walkInsByAgency.GetValueOrDefault(desks.Agency) / days : 0));
        }

        return candidates
            .OrderByDescending(c => Math.Round(c.PointsGain, 4))
            .ThenByDescending(c => c.OnlineShareGain)
            .ThenByDescending(c => c.BusiestDeskWalkInsPerDay)
            .ToList();
    }
}
