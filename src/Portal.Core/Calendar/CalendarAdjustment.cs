namespace Portal.Core.Calendar;

public enum CalendarAdjustmentKind : byte
{
    /// <summary>A day off that the computed rules do not give (a swapped day, an extra holiday).</summary>
    DayOff = 1,

    /// <summary>A working day where the rules would give a day off (a make-up Saturday, a computed day the decision moved).</summary>
    WorkingDay = 2,
}

/// <summary>One government decision about one day, entered by an administrator per year.</summary>
public sealed class CalendarAdjustment
{
    private CalendarAdjustment()
    {
        Note = string.Empty;
    }

    public CalendarAdjustment(DateOnly date, CalendarAdjustmentKind kind, string note)
    {
        Date = date;
        Kind = kind;
        Note = note;
    }

    public int Id { get; private set; }
    public DateOnly Date { get; private set; }
    public CalendarAdjustmentKind Kind { get; private set; }
    public string Note { get; private set; }

    public void Change(CalendarAdjustmentKind kind, string note)
    {
        Kind = kind;
        Note = note;
    }
}
