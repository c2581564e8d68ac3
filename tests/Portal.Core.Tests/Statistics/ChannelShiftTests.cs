using Portal.Core.Catalog;
using Portal.Core.Statistics;

namespace Portal.Core.Tests.Statistics;

public sealed class ChannelShiftTests
{
    private static readonly ScorecardVersion Version = StatisticsConfiguration.Load(null).VersionAt(new DateOnly(2026, 12, 31));

    private static readonly StatisticsCatalog.ProcedureInfo FeeBearing = new(10, "1.000010", "Cấp giấy phép", 1, true, ServiceType.FullOnline, true, true, [1, 2]);
    private static readonly StatisticsCatalog.ProcedureInfo Free = new(20, "1.000020", "Chứng thực", 1, true, ServiceType.PartialOnline, false, false, [1]);

    private static Figures Key(int inPerson, int postal, int online, int online766, int synced, int paidOnline, int paidOffline, int walkInsPaidOffline)
    {
        var inPeriod = new long[Counters.Count];
        inPeriod[(int)Counter.ReceivedInPerson] = inPerson;
        inPeriod[(int)Counter.ReceivedPostal] = postal;
        inPeriod[(int)Counter.ReceivedOnline] = online;
        inPeriod[(int)Counter.Online766] = online766;
        inPeriod[(int)Counter.Synced] = synced;
        inPeriod[(int)Counter.Digitised] = inPerson + postal + online;
        inPeriod[(int)Counter.PaidOnline] = paidOnline;
        inPeriod[(int)Counter.PaidOffline] = paidOffline;
        inPeriod[(int)Counter.PaidOfflineInPersonOrPostal] = walkInsPaidOffline;
        return Figures.From(inPeriod, new long[Counters.Count], new long[Counters.Count], new long[Counters.Count]);
    }

    [Fact]
    public void Only_the_walk_ins_move_with_their_own_desk_payments_and_the_gain_is_on_the_headline_s_scale()
    {
        // Procedure 10 at two desks: 40 + 10 walk-ins, 20 online of which 10 got their electronic result; 25 desk
        // payments at desk 1, 5 of them by dossiers filed online, which do not move. Procedure 20 has no fee.
        var snapshot = new StatisticsSnapshot(Period.Year(2026), new DateOnly(2026, 12, 31), new Dictionary<BucketKey, Figures>
        {
            [new(1, 1, 10)] = Key(30, 10, 20, 10, 60, 15, 25, 20),
            [new(2, 1, 10)] = Key(10, 0, 0, 0, 10, 0, 5, 5),
            [new(1, 1, 20)] = Key(40, 0, 10, 10, 40, 0, 0, 0),
        }, null);
        var procedures = new Dictionary<int, StatisticsCatalog.ProcedureInfo> { [10] = FeeBearing, [20] = Free };
        var assumptions = new ChannelShiftAssumptions("", "", 1.0, 0.5, 0);

        var ranked = ChannelShift.Rank(snapshot, procedures, Version, assumptions, 200, procedures.Values);

        // By hand: 120 received, 110 synced, 20 counted online; 15 paid online of 45 paid.
        double Rate766(double counted) => counted / 120 * (110.0 / 120);
        double OnlinePoints(double rate) => 8 * Math.Min(1, rate / 0.5);
        double PaymentPoints(double rate) => 6 * rate;
        // Computable items: 1.1 (10), 1.2 (8), 3.1 (4), 3.3 (8), 4.1 (4), 4.2 (6), 5.2 (8); nothing finished, decided or rated.
        const double scoredMax = 48;

        var first = ranked[0];
        Assert.Equal(10, first.Procedure.Id);
        Assert.Equal(50, first.Movable);
        Assert.Equal(25, first.WalkInDeskPayments);
        // All 50 walk-ins move; half of them reach the 766 numerator as half the online ones do; their 25 desk payments move.
        var online = OnlinePoints(Rate766(20 + 25)) - OnlinePoints(Rate766(20));
        var payment = PaymentPoints(40.0 / 45) - PaymentPoints(15.0 / 45);
        Assert.Equal(online, first.OnlineRatePointsGain, 9);
        Assert.Equal(payment, first.PaymentPointsGain, 9);
        Assert.Equal((online + payment) / scoredMax * 100, first.ScoreGain!.Value, 9);
        Assert.Equal(1, first.BusiestAgencyId);
        Assert.Equal(40, first.BusiestDeskWalkIns);
        Assert.Equal(40.0 / 200, first.BusiestDeskWalkInsPerDay, 9);

        var second = ranked[1];
        Assert.Equal(20, second.Procedure.Id);
        Assert.Equal(20, second.Movable);
        Assert.Equal(0, second.PaymentPointsGain);
        Assert.Equal((OnlinePoints(Rate766(20 + 20)) - OnlinePoints(Rate766(20))) / scoredMax * 100, second.ScoreGain!.Value, 9);
    }
}
