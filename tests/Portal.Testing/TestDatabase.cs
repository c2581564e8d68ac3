using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Portal.Core.Data;

namespace Portal.Testing;

/// <summary>
/// A fresh, migrated database for one test class, on the provider CI asks for: SQLite by default,
/// PostgreSQL when PORTAL_TEST_DB=postgres (server from PORTAL_TEST_PG). Under CI=true a missing
/// PostgreSQL fails the test; on a developer's machine it is skipped with the reason.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresName;
    private readonly string? _postgresAdmin;

    private TestDatabase(DatabaseOptions options, string? sqliteFile, string? postgresName, string? postgresAdmin)
    {
        Options = options;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
        _postgresAdmin = postgresAdmin;
    }

    public DatabaseOptions Options { get; }
    public DatabaseProvider Provider => Options.Provider;

    public static DatabaseProvider RequestedProvider =>
        string.Equals(Environment.GetEnvironmentVariable("PORTAL_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_PG") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Timeout=5";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static Task<TestDatabase> CreateAsync(bool migrate = true) => CreateAsync(RequestedProvider, migrate);

    /// <summary>A fresh database on the named provider whatever PORTAL_TEST_DB says (a test that only a server database can run).</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        TestDatabase db;
        if (provider == DatabaseProvider.Postgres)
        {
            var name = $"portal_t_{Guid.NewGuid():N}";
            try
            {
                await using var admin = new NpgsqlConnection(PostgresServer);
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                MissingService.Skip($"PostgreSQL is not reachable at {PostgresServer} ({e.Message}); run ./test.sh to start one.");
            }

            var cs = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = true, MaxPoolSize = 50 }.ToString();
            db = new TestDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = cs }, null, name, PostgresServer);
        }
        else
        {
            var dir = Path.Combine(Path.GetTempPath(), "portal-tests");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"{Guid.NewGuid():N}.db");
            var cs = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 60 }.ToString();
            db = new TestDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = cs }, file, null, null);
        }

        if (migrate)
        {
            await using var context = db.NewContext();
            await DatabaseSetup.MigrateAsync(context);
        }

        return db;
    }

    /// <param name="interceptors">EF interceptors for this context (a test counting the commands a save sends, say).</param>
    public PortalDb NewContext(IEnumerable<IDossierChangeSink>? sinks = null, params IInterceptor[] interceptors) => Provider == DatabaseProvider.Postgres
        ? new PostgresPortalDb(new DbContextOptionsBuilder<PostgresPortalDb>().UseNpgsql(Options.ConnectionString).AddInterceptors(interceptors).Options, sinks)
        : new SqlitePortalDb(new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite(Options.ConnectionString).AddInterceptors(interceptors).Options, sinks);

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null && _postgresAdmin is not null)
        {
            // Only this database's pool: another test's host may be using its own pooled connections right now.
            await using (var own = new NpgsqlConnection(Options.ConnectionString))
            {
                NpgsqlConnection.ClearPool(own);
            }

            await using var admin = new NpgsqlConnection(_postgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (_sqliteFile is not null)
        {
            using (var own = new SqliteConnection(Options.ConnectionString))
            {
                SqliteConnection.ClearPool(own);
            }

            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
