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
