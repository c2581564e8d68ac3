namespace Portal.Core.Processing.Deadlines;

/// <summary>Section "Deadlines".</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>How long before the working deadline the holder and the approvers are warned (default one working day).</summary>
    public int WarnBeforeWorkingMinutes { get; set; } = 480;

    /// <summary>How often the sweep runs (cron).</summary>
    public string SweepCron { get; set; } = "* * * * *";

    /// <summary>On its very first run the sweep marks deadlines that passed this many days back.</summary>
    public int InitialLookbackDays { get; set; } = 7;

    /// <summary>Rows a sweep handles per transaction.</summary>
    public int BatchSize { get; set; } = 500;
}
