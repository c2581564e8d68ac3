using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Core.Data;

namespace Portal.Core.Statistics;

/// <summary>
/// The figures of a scope for one period, per key, from which any breakdown is a sum. Unfiltered province-wide reads use
/// the roll-ups: <see cref="ByKey"/> then holds (all agencies, sector, procedure) keys and the agencies come from their
/// own roll-up; otherwise <see cref="ByKey"/> holds full (agency, sector, procedure) keys.
/// </summary>
public sealed class StatisticsSnapshot(Period period, DateOnly asOf, IReadOnlyDictionary<BucketKey, Figures> byKey, IReadOnlyDictionary<int, Figures>? agencyTotals)
{
    public Period Period { get; } = period;

    /// <summary>The day in-progress, overdue and paused dossiers are counted at.</summary>
    public DateOnly AsOf { get; } = asOf;

    public IReadOnlyDictionary<BucketKey, Figures> ByKey { get; } = byKey;

    /// <summary>True when <see cref="ByKey"/> holds every (agency, sector, procedure) of the scope.</summary>
    public bool IsDetailed => agencyTotals is null;

    public Figures Total => Figures.Sum(ByKey.Values);

    public Dictionary<int, Figures> ByAgency() => agencyTotals?.ToDictionary(p => p.Key, p => p.Value) ?? Group(k => k.AgencyId);

    public Dictionary<int, Figures> BySector() => Group(k => k.SectorId);

    public Dictionary<int, Figures> ByProcedure() => Group(k => k.ProcedureId);

    private Dictionary<int, Figures> Group(Func<BucketKey, int> by) =>
        ByKey.GroupBy(p => by(p.Key)).ToDictionary(g => g.Key, g => Figures.Sum(g.Select(p => p.Value)));
}

/// <summary>
/// Reads the statistics buckets, never the dossier table: a handful of primary-key range scans per request. A whole year
/// is one year row per key. A count up to a day is either the rows before it (years, then months, then days) or, when
/// that is cheaper, everything minus the rows after it; the whole province reads the roll-ups, an agency its own rows.
/// </summary>
public sealed class StatisticsReader(PortalDb db)
{
    private static readonly Counter[] InPeriodCounters = Counters.All.Where(c => c is not (Counter.Promised or Counter.KeptByFinish
        or Counter.KeptByPromise or Counter.PauseStarts or Counter.PauseEnds)).ToArray();

    private static readonly Counter[] UpToAsOfCounters =
    [
        Counter.ReceivedInPerson, Counter.ReceivedOnline, Counter.ReceivedPostal, Counter.FinishedEarly, Counter.FinishedOnTime,
        Counter.FinishedLate, Counter.KeptByFinish, Counter.PauseStarts, Counter.PauseEnds,
    ];

    private static readonly Counter[] BeforeAsOfCounters = [Counter.Promised, Counter.KeptByPromise];

    private static readonly Counter[] BeforeFromCounters =
    [
        Counter.ReceivedInPerson, Counter.ReceivedOnline, Counter.ReceivedPostal, Counter.FinishedEarly, Counter.FinishedOnTime, Counter.FinishedLate,
    ];

    private static readonly GrainRange AllYears = new(BucketGrain.Year, 0, 99_991_231);

    /// <summary>The rows one counter set sums: the ranges added, and those subtracted from every year row when complemented.</summary>
    private sealed record RowSet(IReadOnlyList<GrainRange> Ranges, bool Complement)
    {
        /// <summary>Up to and including <paramref name="day"/>, written the cheaper of the two ways.</summary>
        public static RowSet UpTo(DateOnly day)
        {
            var direct = GrainRange.UpTo(day);
            if (day == DateOnly.MaxValue)
            {
                return new RowSet(direct, false);
            }

            var after = GrainRange.Cover(day.AddDays(1), DateOnly.MaxValue);
            return Cost(after) < Cost(direct) ? new RowSet(after, true) : new RowSet(direct, false);
        }

        // Rows read per key, roughly: a day or a month each; years are few wherever the range says they might be.
        private static int Cost(IEnumerable<GrainRange> ranges) => ranges.Sum(r => r.Grain switch
        {
            BucketGrain.Day => (r.ToKey % 100) - (r.FromKey % 100) + 1,
            BucketGrain.Month => ((r.ToKey / 100 % 100) - (r.FromKey / 100 % 100)) + 1,
            _ => Math.Min(4, (r.ToKey / 10000) - (r.FromKey / 10000) + 1),
        });
    }

    /// <param name="detailed">Read full (agency, sector, procedure) keys even for the whole province (for per-desk figures).</param>
    public async Task<StatisticsSnapshot> ReadAsync(Period period, DateOnly today, StatisticsScope scope, bool detailed = false, CancellationToken ct = default)
    {
        var rollups = !detailed && scope == StatisticsScope.Province;
        var asOf = period.AsOf(today);
        var sets = new (RowSet Rows, Counter[] Counters)[]
        {
            (new RowSet(GrainRange.Cover(period.From, period.To), false), InPeriodCounters),
            (RowSet.UpTo(asOf), UpToAsOfCounters),
            (RowSet.UpTo(asOf.AddDays(-1)), BeforeAsOfCounters),
            (RowSet.UpTo(period.From.AddDays(-1)), BeforeFromCounters),
        };

        var sql = new StringBuilder("SELECT \"AgencyId\", \"SectorId\", \"ProcedureId\"");
        foreach (var (rows, counters) in sets)
        {
            var when = Condition(rows.Ranges);
            foreach (var c in counters)
            {
                if (rows.Complement)
                {
                    sql.Append(", SUM(CASE WHEN \"Grain\" = 3 THEN \"").Append(c).Append("\" ELSE 0 END) - ");
                }
                else
                {
                    sql.Append(", ");
                }

                sql.Append("SUM(CASE WHEN ").Append(when).Append(" THEN \"").Append(c).Append("\" ELSE 0 END)");
            }
        }

        var ranges = sets.SelectMany(s => s.Rows.Complement ? s.Rows.Ranges.Append(AllYears) : s.Rows.Ranges).ToList();
        sql.Append(" FROM (").Append(Source(ranges, rollups ? [DossierFactsLevels.Province, DossierFactsLevels.Agency] : [DossierFactsLevels.Detail], scope, rollups))
            .Append(") b GROUP BY \"AgencyId\", \"SectorId\", \"ProcedureId\"");

        var result = new Dictionary<BucketKey, Figures>();
        var agencies = new Dictionary<int, Figures>();
        await QueryAsync(sql.ToString(), reader =>
        {
            var key = new BucketKey(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
            var column = 3;
            var tallies = new long[sets.Length][];
            for (var s = 0; s < sets.Length; s++)
            {
                tallies[s] = new long[Counters.Count];
                foreach (var c in sets[s].Counters)
                {
                    tallies[s][(int)c] = reader.IsDBNull(column) ? 0 : Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture);
                    column++;
                }
            }

            var figures = Figures.From(tallies[0], tallies[1], tallies[2], tallies[3]);
            if (key.SectorId == 0)
            {
                agencies[key.AgencyId] = figures;
            }
            else
            {
                result[key] = figures;
            }
        }, ct);

        return new StatisticsSnapshot(period, asOf, result, rollups ? agencies : null);
    }

    /// <summary>The in-period counters of each month of <paramref name="year"/> (index 0 = January), for trend charts.</summary>
    public async Task<long[][]> MonthlyAsync(int year, StatisticsScope scope, CancellationToken ct = default)
    {
        var months = Enumerable.Range(0, 12).Select(_ => new long[Counters.Count]).ToArray();
        var sql = new StringBuilder("SELECT \"Day\"");
        foreach (var c in Counters.All)
        {
            sql.Append(", SUM(\"").Append(c).Append("\")");
        }

        // The agency roll-ups add up to the scope when it has no sector or procedure filter; else the full keys do.
        var byAgency = scope.SectorId is null && scope.ProcedureId is null;
        var range = new GrainRange(BucketGrain.Month, (year * 10000) + 101, (year * 10000) + 1201);
        sql.Append(" FROM (").Append(Source([range], [byAgency ? DossierFactsLevels.Agency : DossierFactsLevels.Detail], scope, byAgency))
            .Append(") b GROUP BY \"Day\"");
        await QueryAsync(sql.ToString(), reader =>
        {
            var month = (reader.GetInt32(0) / 100 % 100) - 1;
            for (var i = 0; i < Counters.Count; i++)
            {
                months[month][i] = reader.IsDBNull(i + 1) ? 0 : Convert.ToInt64(reader.GetValue(i + 1), CultureInfo.InvariantCulture);
            }
        }, ct);
        return months;
    }

    /// <summary>
    /// Each month of <paramref name="year"/> as a period of its own, read at its end (today for the current month, null for a
    /// month not begun), in one read: the year rows before the year, its twelve month rows, the last day of each complete
    /// month and the current month's days up to today. Each month's figures are then what <see cref="ReadAsync"/> of that
    /// month gives, its totals only.
    /// </summary>
    public async Task<Figures?[]> MonthEndsAsync(int year, DateOnly today, StatisticsScope scope, CancellationToken ct = default)
    {
        var result = new Figures?[12];
        if (year > today.Year)
        {
            return result;
        }

        var months = Enumerable.Range(0, 12).Select(m => Period.Month(year, m + 1)).Where(m => m.From <= today).ToList();
        var ranges = new List<GrainRange>(GrainRange.Cover(DateOnly.MinValue, new DateOnly(year - 1, 12, 31)))
        {
            new(BucketGrain.Month, (year * 10000) + 101, (year * 10000) + 1201),
        };
        foreach (var month in months)
        {
            ranges.Add(month.To <= today
                ? new GrainRange(BucketGrain.Day, GrainRange.KeyOf(month.To), GrainRange.KeyOf(month.To))
                : new GrainRange(BucketGrain.Day, GrainRange.KeyOf(month.From), GrainRange.KeyOf(today)));
        }

        var sql = new StringBuilder("SELECT \"Grain\", \"Day\"");
        foreach (var c in Counters.All)
        {
            sql.Append(", SUM(\"").Append(c).Append("\")");
        }

        var byAgency = scope.SectorId is null && scope.ProcedureId is null;
        sql.Append(" FROM (").Append(Source(ranges, [byAgency ? DossierFactsLevels.Agency : DossierFactsLevels.Detail], scope, byAgency))
            .Append(") b GROUP BY \"Grain\", \"Day\"");
        var beforeYear = new long[Counters.Count];
        var monthRows = Enumerable.Range(0, 12).Select(_ => new long[Counters.Count]).ToArray();
        var dayRows = new Dictionary<int, long[]>();
        await QueryAsync(sql.ToString(), reader =>
        {
            var grain = (BucketGrain)Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            var key = reader.GetInt32(1);
            var row = grain switch
            {
                BucketGrain.Year => beforeYear,
                BucketGrain.Month => monthRows[(key / 100 % 100) - 1],
                _ => dayRows[key] = new long[Counters.Count],
            };
            for (var i = 0; i < Counters.Count; i++)
            {
                row[i] += reader.IsDBNull(i + 2) ? 0 : Convert.ToInt64(reader.GetValue(i + 2), CultureInfo.InvariantCulture);
            }
        }, ct);

        static long[] Plus(long[] a, long[] b) => [.. a.Select((v, i) => v + b[i])];
        static long[] Minus(long[] a, long[] b) => [.. a.Select((v, i) => v - b[i])];
        long[] Day(DateOnly day) => dayRows.TryGetValue(GrainRange.KeyOf(day), out var row) ? row : new long[Counters.Count];

        var before = beforeYear;
        foreach (var month in months)
        {
            var inPeriod = monthRows[month.From.Month - 1];
            long[] upToAsOf, beforeAsOf;
            if (month.To <= today)
            {
                upToAsOf = Plus(before, inPeriod);
                beforeAsOf = Minus(upToAsOf, Day(month.To));
            }
            else
            {
                beforeAsOf = before;
                for (var day = month.From; day < today; day = day.AddDays(1))
                {
                    beforeAsOf = Plus(beforeAsOf, Day(day));
                }

                upToAsOf = Plus(beforeAsOf, Day(today));
            }

            result[month.From.Month - 1] = Figures.From(inPeriod, upToAsOf, beforeAsOf, before);
            before = Plus(before, inPeriod);
        }

        return result;
    }

    /// <summary>
    /// The same per agency: twelve month rows per agency. Without a sector or procedure filter the agency roll-ups are the
    /// whole; with one, the agency's full keys are summed.
    /// </summary>
    public async Task<Dictionary<int, long[][]>> MonthlyByAgencyAsync(int year, StatisticsScope scope, CancellationToken ct = default)
    {
        var result = new Dictionary<int, long[][]>();
        var sql = new StringBuilder("SELECT \"AgencyId\", \"Day\"");
        foreach (var c in Counters.All)
        {
            sql.Append(", SUM(\"").Append(c).Append("\")");
        }

        var byAgency = scope.SectorId is null && scope.ProcedureId is null;
        var range = new GrainRange(BucketGrain.Month, (year * 10000) + 101, (year * 10000) + 1201);
        sql.Append(" FROM (").Append(Source([range], [byAgency ? DossierFactsLevels.Agency : DossierFactsLevels.Detail], scope, byAgency))
            .Append(") b GROUP BY \"AgencyId\", \"Day\"");
        await QueryAsync(sql.ToString(), reader =>
        {
            var agency = reader.GetInt32(0);
            if (!result.TryGetValue(agency, out var months))
            {
                result[agency] = months = Enumerable.Range(0, 12).Select(_ => new long[Counters.Count]).ToArray();
            }

            var month = (reader.GetInt32(1) / 100 % 100) - 1;
            for (var i = 0; i < Counters.Count; i++)
            {
                months[month][i] = reader.IsDBNull(i + 2) ? 0 : Convert.ToInt64(reader.GetValue(i + 2), CultureInfo.InvariantCulture);
            }
        }, ct);
        return result;
    }

    private async Task QueryAsync(string sql, Action<DbDataReader> row, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            // A read touches a few thousand rows: on PostgreSQL, starting parallel workers would cost ten times the scan.
            // The setting lives until the connection goes back to the pool, which resets it.
            command.CommandText = db.IsPostgres ? "SET max_parallel_workers_per_gather = 0; " + sql : sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (reader.FieldCount == 0 && await reader.NextResultAsync(ct))
            {
            }

            while (await reader.ReadAsync(ct))
            {
                row(reader);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The rows to read, each once: for every level, one primary-key (or agency-index) range scan per disjoint range of
    /// period starts, glued with UNION ALL. Only integers built here go into the text: nothing from a request reaches it unparsed.
    /// </summary>
    private static string Source(IEnumerable<GrainRange> ranges, byte[] levels, StatisticsScope scope, bool rollups)
    {
        var scans = new List<string>();
        foreach (var level in levels)
        {
            foreach (var range in Disjoint(ranges))
            {
                var sql = new StringBuilder("SELECT * FROM \"").Append(BucketWriter.Table).Append("\" WHERE ")
                    .Append(CultureInfo.InvariantCulture, $"\"Level\" = {level}");
                if (!rollups || level == DossierFactsLevels.Agency)
                {
                    if (scope.AgencyId is { } agency)
                    {
                        sql.Append(CultureInfo.InvariantCulture, $" AND \"AgencyId\" = {agency}");
                    }
                }

                if (!rollups)
                {
                    if (scope.SectorId is { } sector)
                    {
                        sql.Append(CultureInfo.InvariantCulture, $" AND \"SectorId\" = {sector}");
                    }

                    if (scope.ProcedureId is { } procedure)
                    {
                        sql.Append(CultureInfo.InvariantCulture, $" AND \"ProcedureId\" = {procedure}");
                    }
                }

                sql.Append(" AND ").Append(Condition(range));
                scans.Add(sql.ToString());
            }
        }

        return string.Join(" UNION ALL ", scans);
    }

    /// <summary>The ranges merged per grain so that no row is read twice.</summary>
    private static IEnumerable<GrainRange> Disjoint(IEnumerable<GrainRange> ranges)
    {
        foreach (var grain in ranges.GroupBy(r => r.Grain))
        {
            GrainRange? current = null;
            foreach (var r in grain.OrderBy(r => r.FromKey))
            {
                if (current is { } c && r.FromKey <= c.ToKey + 1)
                {
                    current = c with { ToKey = Math.Max(c.ToKey, r.ToKey) };
                }
                else
                {
                    if (current is { } done)
                    {
                        yield return done;
                    }

                    current = r;
                }
            }

            if (current is { } last)
            {
                yield return last;
            }
        }
    }

    private static string Condition(GrainRange r) => string.Create(CultureInfo.InvariantCulture,
        $"(\"Grain\" = {(int)r.Grain} AND \"Day\" BETWEEN {r.FromKey} AND {r.ToKey})");

    private static string Condition(IReadOnlyList<GrainRange> ranges) =>
        ranges.Count == 0 ? "1 = 0" : "(" + string.Join(" OR ", ranges.Select(Condition)) + ")";
}
