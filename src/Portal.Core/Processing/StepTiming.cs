using Portal.Core.Calendar;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>How a part of the work ended against the time it was allotted.</summary>
public static class StepTiming
{
    /// <summary>
    /// Late once past the due instant; otherwise on time when done on the due's local date and early before it
    /// (the date rule of DOMAIN.md, which never lets a part finished hours late count as on time).
    /// </summary>
    public static Timeliness Classify(DateTime doneAt, DateTime dueAt, WorkingCalendar calendar) =>
        doneAt > dueAt ? Timeliness.Late
        : calendar.LocalDate(doneAt) < calendar.LocalDate(dueAt) ? Timeliness.Early
        : Timeliness.OnTime;

    /// <summary>Working minutes the dossier was paused for supplements (during processing) inside [from, to].</summary>
    public static long PausedWorkingMinutes(Dossier dossier, DateTime from, DateTime to, WorkingCalendar calendar)
    {
        long total = 0;
        foreach (var request in dossier.SupplementRequests.Where(r => !r.AtReception))
        {
            var start = request.RequestedAt > from ? request.RequestedAt : from;
            var end = request.AnsweredAt is { } answered && answered < to ? answered : to;
            total += calendar.WorkingMinutesBetween(start, end);
        }

        return total;
    }

    public static string Vietnamese(this Timeliness? t) => t switch
    {
        Timeliness.Early => "Trước hạn",
        Timeliness.OnTime => "Đúng hạn",
        Timeliness.Late => "Quá hạn",
        _ => "—",
    };

    public static string English(this Timeliness? t) => t switch
    {
        Timeliness.Early => "Early",
        Timeliness.OnTime => "On time",
        Timeliness.Late => "Late",
        _ => "—",
    };
}
