using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;

namespace Portal.Core.Tests.Data;

/// <summary>
/// The embedded database waits for its write lock inside SQLite (busy timeout) rather than in Microsoft.Data.Sqlite's
/// coarse retry loop, on every connection the portal's contexts open (what that is worth under load is measured in
/// bench/load). SQLite-only by nature, so it uses its own file whatever provider the suite runs on.
/// </summary>
public sealed class SqliteBusyTimeoutTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"portal-busy-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_portal_contexts_open_SQLite_with_a_busy_timeout_as_long_as_their_command_timeout()
    {
        var services = new ServiceCollection();
        services.AddPortalDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_file};Default Timeout=7" });
        await using var root = services.BuildServiceProvider();
        await using var scope = root.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var ct = TestContext.Current.CancellationToken;
        var timeout = await db.Database.SqlQueryRaw<int>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").SingleAsync(ct);
        Assert.Equal(db.Database.GetCommandTimeout() * 1000, timeout);
        Assert.True(timeout >= 7000, $"busy timeout {timeout} ms");
    }
}
