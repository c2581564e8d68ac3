using System.Linq.Expressions;
using Portal.Core.Calendar;

namespace Portal.Core.Dossiers;

/// <summary>What a state change did to the legal clock, marked by the aggregate so that nobody re-infers it from statuses.</summary>
public enum ClockChange : byte
{
    None = 0,

    /// <summary>A supplement request during processing paused the clock.</summary>
    Paused = 1,

    /// <summary>The pause ended: the supplement came, or the dossier was stopped or withdrawn while paused.</summary>
    Resumed = 2,
}

/// <summary>
/// The deadline clock, in one place (DOMAIN.md "Deadlines" and "Exact counting rules"). It starts at reception with the
/// promised date, runs while the dossier is received, in process or awaiting payment, pauses for a supplement asked
/// during processing and stops at the end of processing. Paused time is working time, the measure of the deadline
/// itself: the due date moves by it, and the effective end of processing is the end less it, so the worklist, the
/// dossier page, the citizen's page, Mẫu 05 and the statistics read one answer.
/// </summary>
public sealed partial class Dossier
{
    /// <summary>The statuses in which the clock runs: a paused, unreceived or finished dossier is never overdue on a worklist.</summary>
    public static readonly DossierStatus[] ClockRunningStatuses = [DossierStatus.Received, DossierStatus.InProcess, DossierStatus.AwaitingPayment];

    /// <summary>Ngày hẹn trả as printed on the receipt.</summary>
    public DateTime? PromisedAt { get; private set; }

    /// <summary>The working deadline: the promised time pushed by paused working time, or the apology's new date.</summary>
    public DateTime? DueAt { get; private set; }

    /// <summary>When the current pause began; null while the clock is not paused.</summary>
    public DateTime? PausedSince { get; private set; }

    /// <summary>Working minutes paused for supplements during processing (ThoiGianTamDungGio, in minutes).</summary>
    public long PausedMinutes { get; private set; }

    /// <summary>End of processing: the time of the decision (9), else of the final status.</summary>
    public DateTime? FinishedAt { get; private set; }

    /// <summary>
    /// The effective end: <see cref="FinishedAt"/> less <see cref="PausedMinutes"/> of working time; its date is classified.
    /// Set together with <see cref="FinishedAt"/> (here, by the legacy import, and by the migration for earlier dossiers).
    /// </summary>
    public DateTime? EffectiveEndAt { get; private set; }

    public bool IsPaused => PausedSince is not null;

    public bool IsClockRunning => ClockRunningStatuses.Contains(Status) && DueAt is not null;

    public bool IsOverdueAt(DateTime now) => IsOverdue(Status, DueAt, now);

    public bool IsDueSoonAt(DateTime now, DateTime horizon) => IsDueSoon(Status, DueAt, now, horizon);

    /// <summary>The same rule for a row projected from a query (a list shows it without loading the aggregate).</summary>
    public static bool IsOverdue(DossierStatus status, DateTime? dueAt, DateTime now) => ClockRunningStatuses.Contains(status) && dueAt < now;

    public static bool IsDueSoon(DossierStatus status, DateTime? dueAt, DateTime now, DateTime horizon) =>
        ClockRunningStatuses.Contains(status) && dueAt >= now && dueAt <= horizon;

    /// <summary>The query-side twin of <see cref="IsOverdueAt"/>, for worklists and the deadline sweep.</summary>
    public static Expression<Func<Dossier, bool>> OverdueAt(DateTime now) =>
        d => ClockRunningStatuses.Contains(d.Status) && d.DueAt < now;

    /// <summary>The query-side twin of <see cref="IsDueSoonAt"/>.</summary>
    public static Expression<Func<Dossier, bool>> DueSoonAt(DateTime now, DateTime horizon) =>
        d => ClockRunningStatuses.Contains(d.Status) && d.DueAt >= now && d.DueAt <= horizon;

    /// <summary>Early, on time or late once finished (null before); the statistics book the same answer.</summary>
    public Timeliness? Outcome(TimeZoneInfo zone) =>
        EffectiveEndAt is { } end && PromisedAt is { } promised
            ? DeadlineRules.Classify(promised, end, ProcessingSupplementCount, zone)
            : null;

    /// <summary>Working minutes paused so far, the open pause up to <paramref name="now"/> included (for Mẫu 05 and the pages).</summary>
    public long PausedWorkingMinutesAt(DateTime now, WorkingCalendar calendar) =>
        PausedMinutes + (PausedSince is { } since ? calendar.WorkingMinutesBetween(since, now) : 0);

    /// <summary>Working minutes paused for supplements during processing inside [from, to] (a step's share of the pauses).</summary>
    public long PausedWorkingMinutesBetween(DateTime from, DateTime to, WorkingCalendar calendar)
    {
        long total = 0;
        foreach (var request in SupplementRequests.Where(r => !r.AtReception))
        {
            var start = request.RequestedAt > from ? request.RequestedAt : from;
            var end = request.AnsweredAt is { } answered && answered < to ? answered : to;
            total += calendar.WorkingMinutesBetween(start, end);
        }

        return total;
    }

    private void StartClock(DateTime promisedAt)
    {
        PromisedAt = promisedAt;
        DueAt = promisedAt;
    }

    private void PauseClock(DateTime at) => PausedSince = at;

    /// <summary>Ends the open pause, if any: its working time is added to the paused total and pushes the due date.</summary>
    private ClockChange ResumeClock(WorkingCalendar calendar, DateTime at)
    {
        if (PausedSince is not { } since)
        {
            return ClockChange.None;
        }

        var paused = calendar.WorkingMinutesBetween(since, at);
        PausedMinutes += paused;
        PausedSince = null;
        if (DueAt is { } due)
        {
            DueAt = calendar.AddWorkingMinutes(due, paused);
        }

        return ClockChange.Resumed;
    }

    /// <summary>The end of processing: the open pause ends and the effective end is fixed.</summary>
    private ClockChange StopClock(WorkingCalendar calendar, DateTime at)
    {
        var change = ResumeClock(calendar, at);
        FinishedAt = at;
        EffectiveEndAt = calendar.SubtractWorkingMinutes(at, PausedMinutes);
        return change;
    }
}
