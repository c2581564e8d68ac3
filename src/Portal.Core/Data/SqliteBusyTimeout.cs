using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Core.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock (its busy handler retries within a millisecond or two) instead of
/// Microsoft.Data.Sqlite's own retry loop, which sleeps in long fixed steps: under 32 concurrent writers that loop made
/// the tail of every write path hundreds of milliseconds long and halved the insert rate (bench/load, docs/PERFORMANCE.md).
/// The wait is as long as the connection's DefaultTimeout (EF sets it to the command timeout), as before.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>Sets the busy timeout of an open SQLite connection (the raw ADO.NET baselines use it too).</summary>
    public static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite && sqlite.Handle is { } handle)
        {
            var milliseconds = sqlite.DefaultTimeout <= 0 ? int.MaxValue : (int)Math.Min(int.MaxValue, sqlite.DefaultTimeout * 1000L);
            SQLitePCL.raw.sqlite3_busy_timeout(handle, milliseconds);
        }
    }
}
