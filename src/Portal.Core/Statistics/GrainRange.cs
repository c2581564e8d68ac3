namespace Portal.Core.Statistics;

/// <summary>Bucket rows of one grain whose period start lies in [<see cref="FromKey"/>, <see cref="ToKey"/>] (yyyymmdd).</summary>
public readonly record struct GrainRange(BucketGrain Grain, int FromKey, int ToKey)
{
    public static int KeyOf(DateOnly day) => (day.Year * 10000) + (day.Month * 100) + day.Day;

    public static int MonthKeyOf(DateOnly day) => (day.Year * 10000) + (day.Month * 100) + 1;

    public static int YearKeyOf(DateOnly day) => (day.Year * 10000) + 101;

    public static DateOnly DayOf(int key) => new(key / 10000, key / 100 % 100, key % 100);

    /// <summary>
    /// Covers the days [<paramref name="from"/>, <paramref name="to"/>] exactly with the fewest rows: whole years as year
    /// rows, whole months as month rows, the rest as day rows (at most five ranges).
    /// </summary>
    public static IReadOnlyList<GrainRange> Cover(DateOnly from, DateOnly to)
    {
        var ranges = new List<GrainRange>();
        var cursor = from;
        while (cursor <= to)
        {
            if (cursor.Month == 1 && cursor.Day == 1 && new DateOnly(cursor.Year, 12, 31) <= to)
            {
                var lastYear = to.Month == 12 && to.Day == 31 ? to.Year : to.Year - 1;
                ranges.Add(new GrainRange(BucketGrain.Year, YearKeyOf(cursor), (lastYear * 10000) + 101));
                if (lastYear >= DateOnly.MaxValue.Year)
                {
                    break;
                }

                cursor = new DateOnly(lastYear + 1, 1, 1);
            }
            else if (cursor.Day == 1 && EndOfMonth(cursor) <= to)
            {
                var last = cursor;
                while (last.Month < 12 && EndOfMonth(last.AddMonths(1)) <= to)
                {
                    last = last.AddMonths(1);
                }

                ranges.Add(new GrainRange(BucketGrain.Month, MonthKeyOf(cursor), MonthKeyOf(last)));
                if (last.Year == DateOnly.MaxValue.Year && last.Month == 12)
                {
                    break;
                }

                cursor = EndOfMonth(last).AddDays(1);
            }
            else
            {
                var last = EndOfMonth(cursor) < to ? EndOfMonth(cursor) : to;
                ranges.Add(new GrainRange(BucketGrain.Day, KeyOf(cursor), KeyOf(last)));
                if (last == DateOnly.MaxValue)
                {
                    break;
                }

                cursor = last.AddDays(1);
            }
        }

        return ranges;
    }

    /// <summary>Everything booked on or before <paramref name="day"/>.</summary>
    public static IReadOnlyList<GrainRange> UpTo(DateOnly day) => Cover(Origin, day);

    /// <summary>No bucket is older than this: the portal keeps no dossier received before 1990.</summary>
    public static readonly DateOnly Origin = new(1990, 1, 1);

    private static DateOnly EndOfMonth(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);
}
