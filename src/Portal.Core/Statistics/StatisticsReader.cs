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
/// Reads the statistics buckets: one indexed scan per request, never the dossier table. A whole year reads one year row
/// per key; a prefix up to a day reads the year rows before it, the month rows of its year and the day rows of its month.
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

    /// <param name="detailed">Read full (agency, sector, procedure) keys even for the whole province (for per-desk figures).</param>
    public async Task<StatisticsSnapshot> ReadAsync(Period period, DateOnly today, StatisticsScope scope, bool detailed = false, CancellationToken ct = default)
    {
        var rollups = !detailed && scope == StatisticsScope.Province;
        var asOf = period.AsOf(today);
        var sets = new (IReadOnlyList<GrainRange> Ranges, Counter[] Counters)[]
        {
            (GrainRange.Cover(period.From, period.To), InPeriodCounters),
            (GrainRange.UpTo(asOf), UpToAsOfCounters),
            (GrainRange.UpTo(asOf.AddDays(-1)), BeforeAsOfCounters),
            (GrainRange.UpTo(period.From.AddDays(-1)), BeforeFromCounters),
        };

        var sql = new StringBuilder("SELECT \"AgencyId\", \"SectorId\", \"ProcedureId\"");
        foreach (var (ranges, counters) in sets)
        {
            var when = Condition(ranges);
            foreach (var c in counters)
            {
                sql.Append(", SUM(CASE WHEN ").Append(when).Append(" THEN \"").Append(c).Append("\" ELSE 0 END)");
            }
        }

        sql.Append(" FROM \"").Append(BucketWriter.Table).Append("\" WHERE (")
            .Append(string.Join(" OR ", sets.SelectMany(s => s.Ranges).Distinct().Select(Condition)))
            .Append(')').Append(rollups ? RollupCondition : ScopeCondition(scope))
            .Append(" GROUP BY \"AgencyId\", \"SectorId\", \"ProcedureId\"");

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
        var byAgency = await MonthlyByAgencyAsync(year, scope, ct);
        // Without a sector or procedure filter the agency roll-ups already are the whole; with one, the full keys are summed.
        var months = Enumerable.Range(0, 12).Select(_ => new long[Counters.Count]).ToArray();
        foreach (var agency in byAgency.Values)
        {
            for (var m = 0; m < 12; m++)
            {
                for (var i = 0; i < Counters.Count; i++)
                {
                    months[m][i] += agency[m][i];
                }
            }
        }

        return months;
    }

    /// <summary>The same per agency: twelve month rows per agency and key, never a day row.</summary>
    public async Task<Dictionary<int, long[][]>> MonthlyByAgencyAsync(int year, StatisticsScope scope, CancellationToken ct = default)
    {
        var result = new Dictionary<int, long[][]>();
        var sql = new StringBuilder("SELECT \"AgencyId\", \"Day\"");
        foreach (var c in Counters.All)
        {
            sql.Append(", SUM(\"").Append(c).Append("\")");
        }

        sql.Append(" FROM \"").Append(BucketWriter.Table).Append("\" WHERE ")
            .Append(Condition(new GrainRange(BucketGrain.Month, (year * 10000) + 101, (year * 10000) + 1201)))
            .Append(scope.SectorId is null && scope.ProcedureId is null ? AgencyRollupCondition(scope.AgencyId) : ScopeCondition(scope))
            .Append(" GROUP BY \"AgencyId\", \"Day\"");
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
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync(ct);
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

    // Only integers built here go into the text: no value from a request reaches it unparsed.
    private static string Condition(GrainRange r) => string.Create(CultureInfo.InvariantCulture,
        $"(\"Grain\" = {(int)r.Grain} AND \"Day\" BETWEEN {r.FromKey} AND {r.ToKey})");

    private static string Condition(IReadOnlyList<GrainRange> ranges) =>
        ranges.Count == 0 ? "1 = 0" : "(" + string.Join(" OR ", ranges.Select(Condition)) + ")";

    /// <summary>The two roll-ups: (all agencies, sector, procedure) and (agency, all, all).</summary>
    private const string RollupCondition = " AND (\"AgencyId\" = 0 OR \"SectorId\" = 0)";

    private static string AgencyRollupCondition(int? agency) => agency is { } a
        ? string.Create(CultureInfo.InvariantCulture, $" AND \"SectorId\" = 0 AND \"AgencyId\" = {a}")
        : " AND \"SectorId\" = 0";

    /// <summary>Full keys only (no roll-up row), narrowed to the scope.</summary>
    private static string ScopeCondition(StatisticsScope scope)
    {
        var sql = new StringBuilder(" AND \"AgencyId\" <> 0 AND \"SectorId\" <> 0");
        if (scope.AgencyId is { } agency)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND \"AgencyId\" = {agency}");
        }

        if (scope.SectorId is { } sector)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND \"SectorId\" = {sector}");
        }

        if (scope.ProcedureId is { } procedure)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND \"ProcedureId\" = {procedure}");
        }

        return sql.ToString();
    }
}
