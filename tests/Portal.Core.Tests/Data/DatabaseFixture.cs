using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>One migrated database (SQLite, or PostgreSQL under PORTAL_TEST_DB=postgres) per test class.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}
