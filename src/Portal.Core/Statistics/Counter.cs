namespace Portal.Core.Statistics;

/// <summary>
/// The counters of a <see cref="StatisticsBucket"/>, in column order. The day a counter is booked on is part of
/// its meaning: reception day (R), day of the end of processing (F), promised day (D) or the day of a pause event.
/// With these one-dimensional daily counts every figure of II.06a is exact for any period (see docs/ARCHITECTURE.md).
/// </summary>
public enum Counter
{
    /// <summary>R: received in person (channel 1).</summary>
    ReceivedInPerson,

    /// <summary>R: received online (channel 2).</summary>
    ReceivedOnline,

    /// <summary>R: received through the public postal service (channel 3).</summary>
    ReceivedPostal,

    /// <summary>R: online, and either the procedure needs no written result or an electronic result was issued (766 item 3.3).</summary>
    Online766,

    /// <summary>R: acknowledged by the national portal.</summary>
    Synced,

    /// <summary>R: reached a decision (status 9 or 10).</summary>
    Decided,

    /// <summary>R: an electronic result was issued.</summary>
    ElectronicResult,

    /// <summary>R: the dossier's documents are digitised.</summary>
    Digitised,

    /// <summary>R: fees paid through the online gateway.</summary>
    PaidOnline,

    /// <summary>R: fees paid at the desk or outside the portal.</summary>
    PaidOffline,

    /// <summary>R: rated by the applicant.</summary>
    Rated,

    /// <summary>R: sum of the ratings (1–5).</summary>
    RatingSum,

    /// <summary>R: rated 4 or 5 (hài lòng).</summary>
    Satisfied,

    /// <summary>F: finished before the promised date (trước hạn).</summary>
    FinishedEarly,

    /// <summary>F: finished on the promised date (đúng hạn).</summary>
    FinishedOnTime,

    /// <summary>F: finished after the promised date, or with more than one supplement during processing (quá hạn).</summary>
    FinishedLate,

    /// <summary>D: every received dossier, on its promised day.</summary>
    Promised,

    /// <summary>F: finished dossiers whose end of processing falls on or before the promised day (the set G), on their F day.</summary>
    KeptByFinish,

    /// <summary>D: the same set G, on their promised day.</summary>
    KeptByPromise,

    /// <summary>Day a pause for a supplement during processing started.</summary>
    PauseStarts,

    /// <summary>Day such a pause ended (supplement submitted, stopped or withdrawn).</summary>
    PauseEnds,

    /// <summary>R: paid at the desk or outside the portal, and received in person or by post (the payments a channel shift moves).</summary>
    PaidOfflineInPersonOrPostal,
}

public static class Counters
{
    public static readonly Counter[] All = Enum.GetValues<Counter>();
    public static readonly int Count = All.Length;
}
