using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Portal.Core.Notifications;

namespace Portal.Core.Data;

/// <summary>The embedded default: one SQLite file, migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqlitePortalDb(DbContextOptions<SqlitePortalDb> options, IEnumerable<IDossierChangeSink>? sinks = null, IOutboxSignal? outboxSignal = null)
    : PortalDb(options, sinks, outboxSignal)
{
    public override bool IsPostgres => false;
}

/// <summary>At scale: PostgreSQL shared by several web and worker nodes, migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresPortalDb(DbContextOptions<PostgresPortalDb> options, IEnumerable<IDossierChangeSink>? sinks = null, IOutboxSignal? outboxSignal = null)
    : PortalDb(options, sinks, outboxSignal)
{
    public override bool IsPostgres => true;
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDb>
{
    public SqlitePortalDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDb>
{
    public PostgresDesignTimeFactory()
    {
    }

    public PostgresPortalDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPortalDb>().UseNpgsql("Host=localhost;Database=portal_design").Options);
}
