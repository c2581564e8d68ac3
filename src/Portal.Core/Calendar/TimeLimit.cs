namespace Portal.Core.Calendar;

public enum TimeLimitUnit : byte
{
    WorkingDays = 1,
    WorkingHours = 2,

    /// <summary>Calendar days: some laws say "ngày" without "làm việc"; they must not be turned into working days.</summary>
    Days = 3,
    Months = 4,
}

/// <summary>A legal time limit. Zero working days means "within the day of reception".</summary>
public readonly record struct TimeLimit(int Value, TimeLimitUnit Unit)
{
    public static TimeLimit WorkingDays(int n) => new(n, TimeLimitUnit.WorkingDays);

    public string ToVietnamese() => Unit switch
    {
        TimeLimitUnit.WorkingDays when Value == 0 => "Trong ngày làm việc",
        TimeLimitUnit.WorkingDays => $"{Value} ngày làm việc",
        TimeLimitUnit.WorkingHours => $"{Value} giờ làm việc",
        TimeLimitUnit.Days => $"{Value} ngày",
        TimeLimitUnit.Months => $"{Value} tháng",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public string ToEnglish() => Unit switch
    {
        TimeLimitUnit.WorkingDays when Value == 0 => "Same working day",
        TimeLimitUnit.WorkingDays => $"{Value} working days",
        TimeLimitUnit.WorkingHours => $"{Value} working hours",
        TimeLimitUnit.Days => $"{Value} days",
        TimeLimitUnit.Months => $"{Value} months",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
