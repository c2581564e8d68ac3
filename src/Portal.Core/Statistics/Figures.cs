namespace Portal.Core.Statistics;

/// <summary>Every count the dashboard, II.06a and the scorecard show; each one has a list of dossiers behind it (<see cref="DossierSets"/>).</summary>
public enum Figure
{
    Received,
    ReceivedOnline,
    ReceivedInPerson,
    ReceivedPostal,

    /// <summary>In person or by post: II.06a's column beside online.</summary>
    ReceivedInPersonOrPostal,
    CarriedOver,
    ReportTotal,
    Finished,
    FinishedEarly,
    FinishedOnTime,
    FinishedLate,
    InProgress,
    WithinDeadline,
    Overdue,
    Paused,
    Online766,
    OnlineWithoutResult,
    Synced,
    Unsynced,
    Decided,
    ElectronicResult,
    DecidedWithoutElectronicResult,
    Digitised,
    NotDigitised,
    PaidOnline,
    PaidOffline,
    Rated,
    Satisfied,
    Unsatisfied,

    /// <summary>Paid at the desk and received in person or by post: the payments that move online with their dossiers.</summary>
    PaidOfflineInPersonOrPostal,

    /// <summary>The numerator of the on-time rate (766 item 2.1): resolved early or on time, or in progress within the deadline.</summary>
    OnTimeOrWithinDeadline,
}

/// <summary>
/// The counts of one scope and period, derived from bucket sums. For a period [from, to] read at day <c>a</c> (the end,
/// or today): in progress = #{R ≤ a} − #{F ≤ a}; overdue = #{D &lt; a} − #{F ≤ a} + #{G: F ≤ a} − #{G: D &lt; a}
/// (G = finished on or before the promised day; every promised day is on or after the reception day);
/// carried over = #{R &lt; from} − #{F &lt; from}; paused = #{pause starts ≤ a} − #{pause ends ≤ a}.
/// </summary>
public sealed class Figures
{
    private readonly long[] _values = new long[Enum.GetValues<Figure>().Length];

    public long this[Figure figure] => _values[(int)figure];

    public long RatingSum { get; private set; }

    public static Figures Empty => new();

    /// <summary>From the four sums of one key: in the period, up to the reading day, up to the day before, and before the period.</summary>
    public static Figures From(long[] inPeriod, long[] upToAsOf, long[] beforeAsOf, long[] beforeFrom)
    {
        var f = new Figures();
        long C(long[] t, Counter c) => t[(int)c];
        long ReceivedIn(long[] t) => C(t, Counter.ReceivedInPerson) + C(t, Counter.ReceivedOnline) + C(t, Counter.ReceivedPostal);
        long FinishedIn(long[] t) => C(t, Counter.FinishedEarly) + C(t, Counter.FinishedOnTime) + C(t, Counter.FinishedLate);

        f.Set(Figure.ReceivedOnline, C(inPeriod, Counter.ReceivedOnline));
        f.Set(Figure.ReceivedInPerson, C(inPeriod, Counter.ReceivedInPerson));
        f.Set(Figure.ReceivedPostal, C(inPeriod, Counter.ReceivedPostal));
        f.Set(Figure.Received, ReceivedIn(inPeriod));
        f.Set(Figure.CarriedOver, ReceivedIn(beforeFrom) - FinishedIn(beforeFrom));
        f.Set(Figure.FinishedEarly, C(inPeriod, Counter.FinishedEarly));
        f.Set(Figure.FinishedOnTime, C(inPeriod, Counter.FinishedOnTime));
        f.Set(Figure.FinishedLate, C(inPeriod, Counter.FinishedLate));
        f.Set(Figure.Finished, FinishedIn(inPeriod));
        var finishedByAsOf = FinishedIn(upToAsOf);
        f.Set(Figure.InProgress, ReceivedIn(upToAsOf) - finishedByAsOf);
        f.Set(Figure.Overdue, C(beforeAsOf, Counter.Promised) - finishedByAsOf + C(upToAsOf, Counter.KeptByFinish) - C(beforeAsOf, Counter.KeptByPromise));
        f.Set(Figure.Paused, C(upToAsOf, Counter.PauseStarts) - C(upToAsOf, Counter.PauseEnds));
        f.Set(Figure.Online766, C(inPeriod, Counter.Online766));
        f.Set(Figure.Synced, C(inPeriod, Counter.Synced));
        f.Set(Figure.Decided, C(inPeriod, Counter.Decided));
        f.Set(Figure.ElectronicResult, C(inPeriod, Counter.ElectronicResult));
        f.Set(Figure.Digitised, C(inPeriod, Counter.Digitised));
        f.Set(Figure.PaidOnline, C(inPeriod, Counter.PaidOnline));
        f.Set(Figure.PaidOffline, C(inPeriod, Counter.PaidOffline));
        f.Set(Figure.PaidOfflineInPersonOrPostal, C(inPeriod, Counter.PaidOfflineInPersonOrPostal));
        f.Set(Figure.Rated, C(inPeriod, Counter.Rated));
        f.Set(Figure.Satisfied, C(inPeriod, Counter.Satisfied));
        f.RatingSum = C(inPeriod, Counter.RatingSum);
        f.Derive();
        return f;
    }

    public static Figures Sum(IEnumerable<Figures> parts)
    {
        var total = new Figures();
        foreach (var part in parts)
        {
            for (var i = 0; i < total._values.Length; i++)
            {
                total._values[i] += part._values[i];
            }

            total.RatingSum += part.RatingSum;
        }

        return total;
    }

    public long Received => this[Figure.Received];
    public long Finished => this[Figure.Finished];
    public long InProgress => this[Figure.InProgress];

    /// <summary>
    /// Whether the scope had anything to handle in the period: a dossier received in it or carried over into it (and so
    /// finished or in progress in it). Without one, no rate measures anything and the scope is "chưa có hồ sơ".
    /// </summary>
    public bool HasDossiers => this[Figure.ReportTotal] > 0;

    /// <summary>Online received ÷ all received.</summary>
    public double? PlainOnlineShare => Ratio(this[Figure.ReceivedOnline], Received);

    /// <summary>Synced to the national portal ÷ all received.</summary>
    public double? SyncRate => Ratio(this[Figure.Synced], Received);

    /// <summary>766 item 3.3: online received with no written result needed or an electronic result ÷ all received × the sync rate.</summary>
    public double? OnlineRate766 => Received == 0 ? null : (double)this[Figure.Online766] / Received * SyncRate!.Value;

    /// <summary>766 item 2.1: (early + on time + in progress within deadline) ÷ (finished + in progress).</summary>
    public double? OnTimeRate => Ratio(this[Figure.OnTimeOrWithinDeadline], Finished + InProgress);

    public double? OnlinePaymentRate => Ratio(this[Figure.PaidOnline], this[Figure.PaidOnline] + this[Figure.PaidOffline]);

    public double? ElectronicResultRate => Ratio(this[Figure.ElectronicResult], this[Figure.Decided]);

    public double? DigitisationRate => Ratio(this[Figure.Digitised], Received);

    public double? AverageRating => this[Figure.Rated] == 0 ? null : (double)RatingSum / this[Figure.Rated];

    public double? SatisfactionRate => Ratio(this[Figure.Satisfied], this[Figure.Rated]);

    public static double? Ratio(long part, long whole) => whole == 0 ? null : (double)part / whole;

    private void Set(Figure figure, long value) => _values[(int)figure] = value;

    private void Derive()
    {
        Set(Figure.ReceivedInPersonOrPostal, this[Figure.ReceivedInPerson] + this[Figure.ReceivedPostal]);
        Set(Figure.ReportTotal, this[Figure.CarriedOver] + this[Figure.Received]);
        Set(Figure.WithinDeadline, this[Figure.InProgress] - this[Figure.Overdue]);
        Set(Figure.OnlineWithoutResult, this[Figure.ReceivedOnline] - this[Figure.Online766]);
        Set(Figure.Unsynced, this[Figure.Received] - this[Figure.Synced]);
        Set(Figure.DecidedWithoutElectronicResult, this[Figure.Decided] - this[Figure.ElectronicResult]);
        Set(Figure.NotDigitised, this[Figure.Received] - this[Figure.Digitised]);
        Set(Figure.Unsatisfied, this[Figure.Rated] - this[Figure.Satisfied]);
        Set(Figure.OnTimeOrWithinDeadline, this[Figure.FinishedEarly] + this[Figure.FinishedOnTime] + this[Figure.WithinDeadline]);
    }
}
