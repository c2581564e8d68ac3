using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Statistics;

/// <summary>
/// Applies <see cref="BucketDeltas"/> with one atomic upsert per batch of rows
/// (<c>INSERT … ON CONFLICT … DO UPDATE SET n = n + excluded.n</c>, the same statement on SQLite ≥ 3.35 and PostgreSQL),
/// in the caller's transaction. Concurrent writers only ever add, so no increment is lost.
/// </summary>
public static class BucketWriter
{
    public const string Table = "StatisticsBuckets";
    private const int RowsPerStatement = 500;

    private static readonly string Columns =
        "\"Level\", \"Grain\", \"Day\", \"AgencyId\", \"SectorId\", \"ProcedureId\", " + string.Join(", ", Counters.All.Select(c => $"\"{c}\""));

    private static readonly string OnConflict =
        "ON CONFLICT (\"Level\", \"Grain\", \"Day\", \"AgencyId\", \"SectorId\", \"ProcedureId\") DO UPDATE SET " +
        string.Join(", ", Counters.All.Select(c => $"\"{c}\" = \"{Table}\".\"{c}\" + excluded.\"{c}\""));

    public static async Task<int> ApplyAsync(PortalDb db, BucketDeltas deltas, CancellationToken ct)
    {
        var written = 0;
        foreach (var chunk in deltas.Rows().Chunk(RowsPerStatement))
        {
            // Every value is an integer formatted here, never text from outside: inlining them keeps a 500-row
            // statement under both providers' parameter limits and costs no injection risk.
            var sql = new StringBuilder(chunk.Length * 120);
            sql.Append("INSERT INTO \"").Append(Table).Append("\" (").Append(Columns).Append(") VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var (grain, day, key, values) = chunk[i];
                sql.Append(i == 0 ? "(" : ", (").Append(Number(key.Level)).Append(", ").Append(Number((int)grain)).Append(", ").Append(Number(day)).Append(", ")
                    .Append(Number(key.AgencyId)).Append(", ").Append(Number(key.SectorId)).Append(", ").Append(Number(key.ProcedureId));
                foreach (var v in values)
                {
                    sql.Append(", ").Append(Number(checked((int)v)));
                }

                sql.Append(')');
            }

            sql.Append(' ').Append(OnConflict);
            written += await db.Database.ExecuteSqlRawAsync(sql.ToString(), ct);
        }

        return written;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
