using Portal.Core.Statistics;

namespace Portal.Core.Tests.Statistics;

public sealed class GrainRangeTests
{
    private static IEnumerable<DateOnly> Days(GrainRange r)
    {
        var from = GrainRange.DayOf(r.FromKey);
        var to = GrainRange.DayOf(r.ToKey);
        return r.Grain switch
        {
            BucketGrain.Day => Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays),
            BucketGrain.Month => Enumerable.Range(0, ((to.Year - from.Year) * 12) + to.Month - from.Month + 1)
                .SelectMany(m => { var start = from.AddMonths(m); return Enumerable.Range(0, DateTime.DaysInMonth(start.Year, start.Month)).Select(start.AddDays); }),
            _ => Enumerable.Range(from.Year, to.Year - from.Year + 1)
                .SelectMany(y => Enumerable.Range(0, DateTime.IsLeapYear(y) ? 366 : 365).Select(d => new DateOnly(y, 1, 1).AddDays(d))),
        };
    }

    [Fact]
    public void Any_range_of_days_is_covered_exactly_once_by_at_most_five_row_ranges()
    {
        var random = new Random(2026);
        for (var i = 0; i < 3000; i++)
        {
            var from = new DateOnly(2022, 1, 1).AddDays(random.Next(0, 1600));
            var to = from.AddDays(random.Next(0, i % 3 == 0 ? 900 : 70));
            var ranges = GrainRange.Cover(from, to);
            var covered = ranges.SelectMany(Days).ToList();
            Assert.Equal(to.DayNumber - from.DayNumber + 1, covered.Count);
            Assert.Equal(covered.Count, covered.Distinct().Count());
            Assert.Equal(from, covered.Min());
            Assert.Equal(to, covered.Max());
            Assert.True(ranges.Count <= 5, $"{from}–{to}: {ranges.Count} ranges");
        }
    }

    [Fact]
    public void A_whole_year_is_one_year_row_and_a_month_one_month_row()
    {
        Assert.Equal([new GrainRange(BucketGrain.Year, 20250101, 20250101)], GrainRange.Cover(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
        Assert.Equal([new GrainRange(BucketGrain.Month, 20260201, 20260201)], GrainRange.Cover(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)));
        Assert.Equal(
            [new GrainRange(BucketGrain.Day, 20251215, 20251231), new GrainRange(BucketGrain.Month, 20260101, 20260201), new GrainRange(BucketGrain.Day, 20260301, 20260310)],
            GrainRange.Cover(new DateOnly(2025, 12, 15), new DateOnly(2026, 3, 10)));
    }

    [Fact]
    public void Everything_after_a_day_reaches_the_end_of_the_calendar_without_looping()
    {
        var ranges = GrainRange.Cover(new DateOnly(2025, 12, 31), DateOnly.MaxValue);
        Assert.Equal([new GrainRange(BucketGrain.Day, 20251231, 20251231), new GrainRange(BucketGrain.Year, 20260101, 99990101)], ranges);
    }
}
