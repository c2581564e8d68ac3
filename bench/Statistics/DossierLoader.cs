using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Bench.Statistics;

/// <summary>Writes generated dossiers straight into the dossier table: SQLite with one prepared statement, PostgreSQL with COPY.</summary>
public static class DossierLoader
{
    private static readonly string[] Columns =
    [
        "Code", "ProcedureId", "ProcedureVersionId", "SectorId", "AgencyId", "ApplicantNameKey", "Channel", "Status", "CreatedAt", "UpdatedAt",
        "SubmittedAt", "ReceivedAt", "PromisedAt", "DueAt", "PausedSince", "PausedMinutes", "ProcessingSupplementCount", "SupplementCount",
        "FinishedAt", "EffectiveEndAt", "ResultReturnedAt", "HasElectronicResult", "IsDigitised", "Payment", "SyncedAt", "Rating", "Version",
        "Applicant_FullName", "Applicant_Kind",
    ];

    private static object?[] Values(BenchDossier d) =>
    [
        d.Code, d.Pair.ProcedureId, d.Pair.VersionId, d.Pair.SectorId, d.Pair.AgencyId, "nguoi nop thu tai", (byte)d.Channel, (byte)d.Status,
        d.ReceivedAt, d.FinishedAt ?? d.ReceivedAt, d.ReceivedAt, d.ReceivedAt, d.PromisedAt, d.PromisedAt,
        d.Status == DossierStatus.AwaitingSupplement ? d.PauseStart : null, d.PausedMinutes, d.Supplements, d.Supplements,
        d.FinishedAt, d.EffectiveEndAt, d.ReturnedAt, d.Electronic, d.Digitised, (byte)d.Payment, d.Synced ? d.FinishedAt ?? d.ReceivedAt : null, d.Rating, 1,
        "Người nộp thử tải", (byte)ApplicantKind.Person,
    ];

    public static async Task LoadAsync(PortalDb db, IEnumerable<BenchDossier> dossiers, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.IsPostgres)
            {
                await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), dossiers, ct);
            }
            else
            {
                await InsertAsync((SqliteConnection)db.Database.GetDbConnection(), dossiers, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task InsertAsync(SqliteConnection connection, IEnumerable<BenchDossier> dossiers, CancellationToken ct)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"Dossiers\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        await command.PrepareAsync(ct);
        foreach (var d in dossiers)
        {
            var values = Values(d);
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<BenchDossier> dossiers, CancellationToken ct)
    {
        var types = new[]
        {
            NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Varchar,
            NpgsqlDbType.Smallint, NpgsqlDbType.Smallint, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz,
            NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Bigint,
            NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Boolean, NpgsqlDbType.Boolean,
            NpgsqlDbType.Smallint, NpgsqlDbType.TimestampTz, NpgsqlDbType.Smallint, NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Smallint,
        };
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY \"Dossiers\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var d in dossiers)
        {
            await importer.StartRowAsync(ct);
            var values = Values(d);
            for (var i = 0; i < values.Length; i++)
            {
                var value = values[i] switch
                {
                    byte b => (short)b,
                    _ => values[i],
                };
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, types[i], ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    /// <summary>Used by a caller that wants raw SQL on the context's own connection and transaction.</summary>
    public static DbCommand Command(PortalDb db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 3600;
        return command;
    }
}
