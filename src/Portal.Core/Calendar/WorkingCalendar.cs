using System.Collections.Concurrent;

namespace Portal.Core.Calendar;

public enum DayKind : byte
{
    Working,
    Weekend,
    Holiday,
    AdjustedDayOff,
    AdjustedWorkingDay,
}

public sealed record CalendarDay(DateOnly Date, DayKind Kind, string? Reason)
{
    public bool IsWorking => Kind is DayKind.Working or DayKind.AdjustedWorkingDay;
}

/// <summary>
/// Working time of the province: weekends, computed statutory holidays and the administrators' per-year
/// adjustments, office hours and the cut-off hour. Instants in and out are UTC; days are local dates.
/// Immutable: a new instance is built when an administrator edits the adjustments.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly WorkingTimeOptions _options;
    private readonly Dictionary<DateOnly, CalendarAdjustment> _adjustments;
    private readonly ConcurrentDictionary<int, Dictionary<DateOnly, string>> _holidaysByYear = new();

    public WorkingCalendar(WorkingTimeOptions options, IEnumerable<CalendarAdjustment> adjustments)
    {
        _options = options;
        TimeZone = options.ResolveTimeZone();
        _adjustments = adjustments.ToDictionary(a => a.Date);
        if (options.MorningStart >= options.MorningEnd || options.MorningEnd > options.AfternoonStart || options.AfternoonStart >= options.AfternoonEnd)
        {
            throw new ArgumentException("Office hours must be morning start < morning end <= afternoon start < afternoon end.", nameof(options));
        }
    }

    public TimeZoneInfo TimeZone { get; }
    public WorkingTimeOptions Options => _options;
    public int MinutesPerDay => _options.MinutesPerDay;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), TimeZone);

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    public DateTime ToUtc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified), TimeZone);

    public CalendarDay Describe(DateOnly date)
    {
        if (_adjustments.TryGetValue(date, out var adjustment))
        {
            return new CalendarDay(date, adjustment.Kind == CalendarAdjustmentKind.WorkingDay ? DayKind.AdjustedWorkingDay : DayKind.AdjustedDayOff, adjustment.Note);
        }

        if (HolidaysOf(date.Year).TryGetValue(date, out var name))
        {
            return new CalendarDay(date, DayKind.Holiday, name);
        }

        return StatutoryHolidays.IsWeekend(date)
            ? new CalendarDay(date, DayKind.Weekend, null)
            : new CalendarDay(date, DayKind.Working, null);
    }

    public bool IsWorkingDay(DateOnly date) => Describe(date).IsWorking;

    public DateOnly NextWorkingDay(DateOnly date)
    {
        var next = date.AddDays(1);
        while (!IsWorkingDay(next))
        {
            next = next.AddDays(1);
        }

        return next;
    }

    /// <summary>
    /// The instant the legal clock starts for a dossier received at <paramref name="receivedUtc"/>: at once during office hours,
    /// at the next opening otherwise; on the next working day when received on a day off or at/after the cut-off hour.
    /// </summary>
    public DateTime StartOfCounting(DateTime receivedUtc)
    {
        var local = ToLocal(receivedUtc);
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        if (!IsWorkingDay(date) || time >= _options.CutOff || time >= _options.AfternoonEnd)
        {
            return ToUtc(NextWorkingDay(date), _options.MorningStart);
        }

        if (time < _options.MorningStart)
        {
            return ToUtc(date, _options.MorningStart);
        }

        if (time >= _options.MorningEnd && time < _options.AfternoonStart)
        {
            return ToUtc(date, _options.AfternoonStart);
        }

        // Reception is recorded to the minute (the receipt prints hours and minutes): 10:00:45 counts from 10:00, so a
        // working day from 07:30:20 ends at 17:00 that day, not at 07:30:20 the next.
        var utc = AsUtc(receivedUtc);
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
    }

    /// <summary>The promised return time (ngày hẹn trả) for a dossier received at <paramref name="receivedUtc"/>.</summary>
    public DateTime PromisedAt(DateTime receivedUtc, TimeLimit limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit.Value);
        var start = StartOfCounting(receivedUtc);
        var startDate = LocalDate(start);
        return limit.Unit switch
        {
            TimeLimitUnit.WorkingDays when limit.Value == 0 => ToUtc(startDate, _options.AfternoonEnd),
            TimeLimitUnit.WorkingDays => AddWorkingMinutes(start, (long)limit.Value * MinutesPerDay),
            TimeLimitUnit.WorkingHours => AddWorkingMinutes(start, (long)limit.Value * 60),
            TimeLimitUnit.Days => EndOfWorkingDayOnOrAfter(startDate.AddDays(limit.Value)),
            TimeLimitUnit.Months => EndOfWorkingDayOnOrAfter(startDate.AddMonths(limit.Value)),
            _ => throw new ArgumentOutOfRangeException(nameof(limit)),
        };
    }

    /// <summary>Adds working minutes to an instant; a result that lands exactly on a closing time stays there.</summary>
    public DateTime AddWorkingMinutes(DateTime fromUtc, long minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        return AddWorkingTime(fromUtc, TimeSpan.FromMinutes(minutes));
    }

    /// <summary>
    /// Adds working time to an instant, to the tick: a start at 10:00:45 plus an hour is 11:00:45, and a result that lands
    /// exactly on a closing time stays there (never at the next opening, never a part-minute later).
    /// </summary>
    public DateTime AddWorkingTime(DateTime fromUtc, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        if (amount == TimeSpan.Zero)
        {
            return AsUtc(fromUtc);
        }

        var local = ToLocal(fromUtc);
        var date = DateOnly.FromDateTime(local);
        var time = local.TimeOfDay;
        var remaining = amount;
        while (true)
        {
            if (IsWorkingDay(date))
            {
                foreach (var (open, close) in PeriodSpans())
                {
                    if (time >= close)
                    {
                        continue;
                    }

                    var from = time > open ? time : open;
                    var available = close - from;
                    if (remaining <= available)
                    {
                        return ToUtc(date, from + remaining);
                    }

                    remaining -= available;
                    time = close;
                }
            }

            date = date.AddDays(1);
            time = TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Goes back over working time from an instant (the effective end of DOMAIN.md: the end of processing less the working
    /// time paused); a result that lands exactly on an opening time stays there.
    /// </summary>
    public DateTime SubtractWorkingMinutes(DateTime fromUtc, long minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        if (minutes == 0)
        {
            return AsUtc(fromUtc);
        }

        var local = ToLocal(fromUtc);
        var date = DateOnly.FromDateTime(local);
        var time = local.TimeOfDay;
        var remaining = TimeSpan.FromMinutes(minutes);
        while (date > EarliestDate)
        {
            if (IsWorkingDay(date))
            {
                foreach (var (open, close) in PeriodSpans().Reverse())
                {
                    if (time <= open)
                    {
                        continue;
                    }

                    var to = time < close ? time : close;
                    var available = to - open;
                    if (remaining <= available)
                    {
                        return ToUtc(date, to - remaining);
                    }

                    remaining -= available;
                    time = open;
                }
            }

            date = date.AddDays(-1);
            time = TimeSpan.FromDays(1);
        }

        // Only a legacy record can claim more paused time than the calendar has: its effective end is the earliest date.
        return ToUtc(EarliestDate, _options.MorningStart);
    }

    /// <summary>Working minutes between two instants (for pauses that must push a deadline), whole minutes of the exact sum.</summary>
    public long WorkingMinutesBetween(DateTime fromUtc, DateTime toUtc) => (long)WorkingTimeBetween(fromUtc, toUtc).TotalMinutes;

    /// <summary>Working time between two instants, to the tick: a full working day from 10:00:45 to 10:00:45 is 480 minutes.</summary>
    public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc)
        {
            return TimeSpan.Zero;
        }

        var from = ToLocal(fromUtc);
        var to = ToLocal(toUtc);
        var total = TimeSpan.Zero;
        for (var date = DateOnly.FromDateTime(from); date <= DateOnly.FromDateTime(to); date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            foreach (var (open, close) in PeriodSpans())
            {
                var periodStart = date.ToDateTime(TimeOnly.MinValue) + open;
                var periodEnd = date.ToDateTime(TimeOnly.MinValue) + close;
                var s = from > periodStart ? from : periodStart;
                var e = to < periodEnd ? to : periodEnd;
                if (e > s)
                {
                    total += e - s;
                }
            }
        }

        return total;
    }

    /// <summary>Every day of the year that is not an ordinary weekday or weekend: holidays and adjusted days.</summary>
    public IReadOnlyList<CalendarDay> SpecialDays(int year)
    {
        var result = new List<CalendarDay>();
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            var day = Describe(d);
            if (day.Kind is not (DayKind.Working or DayKind.Weekend))
            {
                result.Add(day);
            }
        }

        return result;
    }

    private DateTime EndOfWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return ToUtc(date, _options.AfternoonEnd);
    }

    private static readonly DateOnly EarliestDate = new(1900, 1, 1);

    private (TimeSpan Open, TimeSpan Close)[] PeriodSpans() =>
        [(_options.MorningStart.ToTimeSpan(), _options.MorningEnd.ToTimeSpan()), (_options.AfternoonStart.ToTimeSpan(), _options.AfternoonEnd.ToTimeSpan())];

    private DateTime ToUtc(DateOnly date, TimeSpan timeOfDay) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue) + timeOfDay, DateTimeKind.Unspecified), TimeZone);

    private Dictionary<DateOnly, string> HolidaysOf(int year) =>
        _holidaysByYear.GetOrAdd(year, y => StatutoryHolidays.For(y)
            .GroupBy(h => h.Date)
            .ToDictionary(g => g.Key, g => g.First().Name));

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value.ToUniversalTime(),
    };
}
