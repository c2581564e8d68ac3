namespace Portal.Core.Calendar;

/// <summary>Office hours and the cut-off hour of the province's agencies (section "WorkingTime" of appsettings.json).</summary>
public sealed class WorkingTimeOptions
{
    public const string Section = "WorkingTime";

    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
    public TimeOnly MorningStart { get; set; } = new(7, 30);
    public TimeOnly MorningEnd { get; set; } = new(11, 30);
    public TimeOnly AfternoonStart { get; set; } = new(13, 0);
    public TimeOnly AfternoonEnd { get; set; } = new(17, 0);

    /// <summary>A dossier received at or after this hour starts counting on the next working day.</summary>
    public TimeOnly CutOff { get; set; } = new(15, 0);

    public int MinutesPerDay =>
        (int)((MorningEnd - MorningStart).TotalMinutes + (AfternoonEnd - AfternoonStart).TotalMinutes);

    public TimeZoneInfo ResolveTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            // Viet Nam has kept UTC+7 without daylight saving since 1975; a machine without tzdata still counts right.
            return TimeZoneInfo.CreateCustomTimeZone("UTC+07", TimeSpan.FromHours(7), "UTC+07", "UTC+07");
        }
    }
}
