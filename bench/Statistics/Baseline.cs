using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Statistics;

namespace Portal.Bench.Statistics;

/// <summary>
/// The same figures the old way: one plain GROUP BY over the dossier table per request (what a portal without aggregates
/// does), written in each provider's SQL. Paused dossiers need the supplement history and are left out of the comparison.
/// </summary>
public static class Baseline
{
    public static readonly Figure[] Compared =
    [
        Figure.ReceivedOnline, Figure.ReceivedInPerson, Figure.ReceivedPostal, Figure.CarriedOver, Figure.FinishedEarly, Figure.FinishedOnTime,
        Figure.FinishedLate, Figure.InProgress, Figure.Overdue, Figure.Online766, Figure.Synced, Figure.Decided, Figure.ElectronicResult,
        Figure.Digitised, Figure.PaidOnline, Figure.PaidOffline, Figure.Rated, Figure.Satisfied,
    ];

    /// <summary>Per (agency, sector, procedure): the compared figures, in <see cref="Compared"/> order.</summary>
    public static async Task<Dictionary<BucketKey, long[]>> FiguresAsync(PortalDb db, DossierSets sets, Period period, DateOnly asOf, CancellationToken ct)
    {
        var offset = (int)sets.Offset.TotalMinutes;
        string LocalDay(string column, string minus) => db.IsPostgres
            ? $"((d.\"{column}\" + make_interval(mins => {offset} - {minus})) AT TIME ZONE 'UTC')::date"
            : $"date(d.\"{column}\", '+{offset} minutes', '-' || ({minus}) || ' minutes')";
        var effective = LocalDay("EffectiveEndAt", "0");
        var promised = LocalDay("PromisedAt", "0");
        var truth = db.IsPostgres ? "TRUE" : "1";
        const string received = "d.\"ReceivedAt\" >= @from AND d.\"ReceivedAt\" < @end";
        const string finished = "d.\"FinishedAt\" >= @from AND d.\"FinishedAt\" < @end";
        const string inProgress = "d.\"ReceivedAt\" < @asOfEnd AND (d.\"FinishedAt\" IS NULL OR d.\"FinishedAt\" >= @asOfEnd)";
        var conditions = new[]
        {
            $"{received} AND d.\"Channel\" = 2",
            $"{received} AND d.\"Channel\" = 1",
            $"{received} AND d.\"Channel\" = 3",
            "d.\"ReceivedAt\" < @from AND (d.\"FinishedAt\" IS NULL OR d.\"FinishedAt\" >= @from)",
            $"{finished} AND d.\"ProcessingSupplementCount\" <= 1 AND {effective} < {promised}",
            $"{finished} AND d.\"ProcessingSupplementCount\" <= 1 AND {effective} = {promised}",
            $"{finished} AND (d.\"ProcessingSupplementCount\" > 1 OR {effective} > {promised})",
            inProgress,
            $"{inProgress} AND d.\"PromisedAt\" < @asOfStart",
            $"{received} AND d.\"Channel\" = 2 AND (d.\"HasElectronicResult\" = {truth} OR v.\"ResultIsDocument\" <> {truth})",
            $"{received} AND d.\"SyncedAt\" IS NOT NULL",
            $"{received} AND d.\"Status\" IN (9, 10)",
            $"{received} AND d.\"HasElectronicResult\" = {truth}",
            $"{received} AND d.\"IsDigitised\" = {truth}",
            $"{received} AND d.\"Payment\" = 1",
            $"{received} AND d.\"Payment\" = 2",
            $"{received} AND d.\"Rating\" IS NOT NULL",
            $"{received} AND d.\"Rating\" >= 4",
        };
        var sql = "SELECT d.\"AgencyId\", d.\"SectorId\", d.\"ProcedureId\", " +
            string.Join(", ", conditions.Select(c => $"SUM(CASE WHEN {c} THEN 1 ELSE 0 END)")) +
            " FROM \"Dossiers\" d JOIN \"ProcedureVersions\" v ON v.\"Id\" = d.\"ProcedureVersionId\"" +
            " WHERE d.\"ReceivedAt\" IS NOT NULL AND d.\"ReceivedAt\" < @end GROUP BY d.\"AgencyId\", d.\"SectorId\", d.\"ProcedureId\"";
        var result = new Dictionary<BucketKey, long[]>();
        await QueryAsync(db, sql, new()
        {
            ["from"] = sets.StartOf(period.From),
            ["end"] = sets.StartOf(period.To.AddDays(1)),
            ["asOfStart"] = sets.StartOf(asOf),
            ["asOfEnd"] = sets.StartOf(asOf.AddDays(1)),
        }, r =>
        {
            var values = new long[Compared.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Convert.ToInt64(r.GetValue(i + 3), CultureInfo.InvariantCulture);
            }

            result[new BucketKey(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2))] = values;
        }, ct);
        return result;
    }

    /// <summary>The dashboard's monthly trend the old way: received by channel, 766-counted and synced, per local month.</summary>
    public static async Task<long[][]> MonthlyAsync(PortalDb db, DossierSets sets, int year, CancellationToken ct)
    {
        var offset = (int)sets.Offset.TotalMinutes;
        var month = db.IsPostgres
            ? $"EXTRACT(MONTH FROM ((d.\"ReceivedAt\" + make_interval(mins => {offset})) AT TIME ZONE 'UTC'))::int"
            : $"CAST(strftime('%m', d.\"ReceivedAt\", '+{offset} minutes') AS INTEGER)";
        var truth = db.IsPostgres ? "TRUE" : "1";
        var sql = $"SELECT {month}, SUM(CASE WHEN d.\"Channel\" = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN d.\"Channel\" = 1 THEN 1 ELSE 0 END), " +
            "SUM(CASE WHEN d.\"Channel\" = 3 THEN 1 ELSE 0 END), " +
            $"SUM(CASE WHEN d.\"Channel\" = 2 AND (d.\"HasElectronicResult\" = {truth} OR v.\"ResultIsDocument\" <> {truth}) THEN 1 ELSE 0 END), " +
            "SUM(CASE WHEN d.\"SyncedAt\" IS NOT NULL THEN 1 ELSE 0 END) " +
            "FROM \"Dossiers\" d JOIN \"ProcedureVersions\" v ON v.\"Id\" = d.\"ProcedureVersionId\" " +
            $"WHERE d.\"ReceivedAt\" >= @from AND d.\"ReceivedAt\" < @end GROUP BY {month}";
        var months = Enumerable.Range(0, 12).Select(_ => new long[5]).ToArray();
        await QueryAsync(db, sql, new() { ["from"] = sets.StartOf(new DateOnly(year, 1, 1)), ["end"] = sets.StartOf(new DateOnly(year + 1, 1, 1)) }, r =>
        {
            for (var i = 0; i < 5; i++)
            {
                months[Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture) - 1][i] = Convert.ToInt64(r.GetValue(i + 1), CultureInfo.InvariantCulture);
            }
        }, ct);
        return months;
    }

    private static async Task QueryAsync(PortalDb db, string sql, Dictionary<string, DateTime> parameters, Action<DbDataReader> row, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = DossierLoader.Command(db, sql);
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = "@" + name;
                p.Value = value;
                command.Parameters.Add(p);
            }

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
}
