namespace Portal.Core.Dossiers;

public enum Timeliness : byte
{
    /// <summary>Trước hạn.</summary>
    Early = 1,

    /// <summary>Đúng hạn.</summary>
    OnTime = 2,

    /// <summary>Quá hạn.</summary>
    Late = 3,
}

public enum ProgressState : byte
{
    /// <summary>Trong hạn.</summary>
    WithinDeadline = 1,

    /// <summary>Quá hạn.</summary>
    Overdue = 2,
}

/// <summary>The exact counting rules of DOMAIN.md, in one place, so that every report agrees.</summary>
public static class DeadlineRules
{
    /// <summary>
    /// A finished dossier: the calendar date of the effective end (end of processing less the working time paused, see
    /// <see cref="Dossier.EffectiveEndAt"/>) against the promised date; more than one supplement request during processing
    /// makes it late.
    /// </summary>
    public static Timeliness Classify(DateOnly promisedDate, DateTime effectiveEndUtc, int processingSupplements, TimeZoneInfo zone)
    {
        if (processingSupplements > 1)
        {
            return Timeliness.Late;
        }

        var endDate = LocalDate(effectiveEndUtc, zone);
        return endDate < promisedDate ? Timeliness.Early : endDate == promisedDate ? Timeliness.OnTime : Timeliness.Late;
    }

    /// <summary>The same with the promised instant as stored (the aggregate's <see cref="Dossier.Outcome"/>, a list's rows).</summary>
    public static Timeliness Classify(DateTime promisedAtUtc, DateTime effectiveEndUtc, int processingSupplements, TimeZoneInfo zone) =>
        Classify(LocalDate(promisedAtUtc, zone), effectiveEndUtc, processingSupplements, zone);

    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>An unfinished dossier at the end of day <paramref name="to"/>: within deadline when promised on or after it.</summary>
    public static ProgressState InProgress(DateOnly promisedDate, DateOnly to) =>
        promisedDate >= to ? ProgressState.WithinDeadline : ProgressState.Overdue;
}
