namespace Portal.Core.Statistics;

/// <summary>
/// Increments to apply to bucket rows, merged per row. Every day's increment also goes to its month and year rows, and
/// every (agency, sector, procedure) increment also to two roll-ups: (all agencies, sector, procedure) and (agency, all,
/// all), so that a province-wide page reads a few hundred keys instead of every agency × procedure pair.
/// </summary>
public sealed class BucketDeltas
{
    private readonly Dictionary<(BucketGrain Grain, int Day, BucketKey Key), long[]> _rows = [];

    public int RowCount => _rows.Count;

    public void Add(BucketKey key, DateOnly day, Counter counter, long amount)
    {
        if (amount == 0)
        {
            return;
        }

        foreach (var k in new[] { key, key.ProvinceRollup, key.AgencyRollup })
        {
            Row(BucketGrain.Day, GrainRange.KeyOf(day), k)[(int)counter] += amount;
            Row(BucketGrain.Month, GrainRange.MonthKeyOf(day), k)[(int)counter] += amount;
            Row(BucketGrain.Year, GrainRange.YearKeyOf(day), k)[(int)counter] += amount;
        }
    }

    public void Clear() => _rows.Clear();

    /// <summary>Non-zero rows in key order: concurrent writers then lock rows in the same order and cannot deadlock.</summary>
    public IEnumerable<(BucketGrain Grain, int Day, BucketKey Key, long[] Values)> Rows() =>
        _rows.Where(r => r.Value.Any(v => v != 0))
            .OrderBy(r => r.Key.Key.Level).ThenBy(r => r.Key.Grain).ThenBy(r => r.Key.Day).ThenBy(r => r.Key.Key.AgencyId)
            .ThenBy(r => r.Key.Key.SectorId).ThenBy(r => r.Key.Key.ProcedureId)
            .Select(r => (r.Key.Grain, r.Key.Day, r.Key.Key, r.Value));

    private long[] Row(BucketGrain grain, int day, BucketKey key)
    {
        if (!_rows.TryGetValue((grain, day, key), out var values))
        {
            _rows[(grain, day, key)] = values = new long[Counters.Count];
        }

        return values;
    }
}
