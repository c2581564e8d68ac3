using Portal.Core.Calendar;
using Portal.Core.Dossiers;
using Portal.Core.Statistics;

namespace Portal.Core.Tests.Statistics;

/// <summary>
/// The counting rules of DOMAIN.md applied plainly to raw dossiers, one dossier at a time, written apart from the
/// production code (no buckets, no DeadlineRules, not the aggregate's stored effective end) so that the two can be held
/// against each other. Only the working calendar, proven on its own, is shared.
/// </summary>
internal sealed class ReferenceStatistics(IReadOnlyList<Dossier> dossiers, IReadOnlyDictionary<int, bool> resultIsDocument, WorkingCalendar calendar)
{
    private readonly TimeZoneInfo zone = calendar.TimeZone;

    private DateOnly Day(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));

    public long Count(Figure figure, Period period, DateOnly asOf, Func<Dossier, bool> inScope) =>
        dossiers.Where(inScope).LongCount(d => Is(figure, d, period, asOf));

    public long RatingSum(Period period, Func<Dossier, bool> inScope) =>
        dossiers.Where(inScope).Where(d => Is(Figure.Rated, d, period, period.From)).Sum(d => (long)d.Rating!.Value);

    public bool Is(Figure figure, Dossier d, Period p, DateOnly asOf)
    {
        if (d.ReceivedAt is not { } receivedAt)
        {
            return false;
        }

        var r = Day(receivedAt);
        var finishedDay = d.FinishedAt is { } f ? Day(f) : (DateOnly?)null;
        var inPeriod = r >= p.From && r <= p.To;
        var finishedInPeriod = finishedDay >= p.From && finishedDay <= p.To;
        var inProgress = r <= asOf && (finishedDay is null || finishedDay > asOf);
        var promised = Day(d.PromisedAt!.Value);
        string? timeliness = null;
        if (d.FinishedAt is { } end)
        {
            var effective = Day(calendar.SubtractWorkingMinutes(end, PausedWorkingMinutes(d)));
            timeliness = d.ProcessingSupplementCount > 1 || effective > promised ? "late" : effective == promised ? "on time" : "early";
        }

        var decided = d.Status is DossierStatus.Decided or DossierStatus.ResultReturned;
        return figure switch
        {
            Figure.Received => inPeriod,
            Figure.ReceivedOnline => inPeriod && d.Channel == Channel.Online,
            Figure.ReceivedInPerson => inPeriod && d.Channel == Channel.InPerson,
            Figure.ReceivedPostal => inPeriod && d.Channel == Channel.Postal,
            Figure.ReceivedInPersonOrPostal => inPeriod && d.Channel is Channel.InPerson or Channel.Postal,
            Figure.CarriedOver => r < p.From && (finishedDay is null || finishedDay >= p.From),
            Figure.ReportTotal => (inPeriod || (r < p.From && (finishedDay is null || finishedDay >= p.From))),
            Figure.Finished => finishedInPeriod,
            Figure.FinishedEarly => finishedInPeriod && timeliness == "early",
            Figure.FinishedOnTime => finishedInPeriod && timeliness == "on time",
            Figure.FinishedLate => finishedInPeriod && timeliness == "late",
            Figure.InProgress => inProgress,
            Figure.WithinDeadline => inProgress && promised >= asOf,
            Figure.Overdue => inProgress && promised < asOf,
            Figure.Paused => PausedAt(d, asOf),
            Figure.Online766 => inPeriod && d.Channel == Channel.Online && (!resultIsDocument[d.ProcedureVersionId] || d.HasElectronicResult),
            Figure.OnlineWithoutResult => inPeriod && d.Channel == Channel.Online && resultIsDocument[d.ProcedureVersionId] && !d.HasElectronicResult,
            Figure.Synced => inPeriod && d.SyncedAt is not null,
            Figure.Unsynced => inPeriod && d.SyncedAt is null,
            Figure.Decided => inPeriod && decided,
            Figure.ElectronicResult => inPeriod && d.HasElectronicResult,
            Figure.DecidedWithoutElectronicResult => inPeriod && decided && !d.HasElectronicResult,
            Figure.Digitised => inPeriod && d.IsDigitised,
            Figure.NotDigitised => inPeriod && !d.IsDigitised,
            Figure.PaidOnline => inPeriod && d.Payment == PaymentState.PaidOnline,
            Figure.PaidOffline => inPeriod && d.Payment == PaymentState.PaidOffline,
            Figure.Rated => inPeriod && d.Rating is not null,
            Figure.Satisfied => inPeriod && d.Rating >= 4,
            Figure.Unsatisfied => inPeriod && d.Rating is < 4,
            Figure.PaidOfflineInPersonOrPostal => inPeriod && d.Payment == PaymentState.PaidOffline && d.Channel is Channel.InPerson or Channel.Postal,
            Figure.OnTimeOrWithinDeadline => (finishedInPeriod && timeliness is "early" or "on time") || (inProgress && promised >= asOf),
            _ => throw new ArgumentOutOfRangeException(nameof(figure)),
        };
    }

    /// <summary>
    /// The working time of the pauses that ended, from the supplement requests themselves (each from its request to its
    /// answer, or to the end of processing when stopped or withdrawn while paused); a legacy dossier brings its own figure.
    /// </summary>
    public long PausedWorkingMinutes(Dossier d)
    {
        return d.Applicant.FullName == Dossier.LegacyApplicantName
            ? d.PausedMinutes
            : d.SupplementRequests.Where(s => !s.AtReception && (s.AnsweredAt ?? d.FinishedAt) is not null)
                .Sum(s => calendar.WorkingMinutesBetween(s.RequestedAt, (s.AnsweredAt ?? d.FinishedAt)!.Value));
    }

    /// <summary>Awaiting a supplement asked during processing at the end of the day: asked by then, not answered, stopped or withdrawn by then.</summary>
    private bool PausedAt(Dossier d, DateOnly day) =>
        d.SupplementRequests.Where(s => !s.AtReception).Any(s =>
        {
            var ended = s.AnsweredAt ?? d.FinishedAt;
            return Day(s.RequestedAt) <= day && (ended is null || Day(ended.Value) > day);
        });
}
