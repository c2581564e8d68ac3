using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Section "Database": which provider, and its connection string (SQLite defaults to a file in the data directory).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string? ConnectionString { get; set; }

    public static DatabaseOptions From(IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection(Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            options.ConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataDirectory, "portal.db"),
                DefaultTimeout = 60,
            }.ToString();
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL. / Cần cấu hình Database:ConnectionString cho PostgreSQL.");
        }

        return options;
    }
}

public static class DatabaseSetup
{
    /// <summary>Registers the provider's context, and <see cref="PortalDb"/> as the type every handler asks for.</summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresPortalDb>(o => o.UseNpgsql(options.ConnectionString, n => n.CommandTimeout(120)));
            services.AddScoped<PortalDb>(sp => sp.GetRequiredService<PostgresPortalDb>());
        }
        else
        {
            services.AddDbContext<SqlitePortalDb>(o => o.UseSqlite(options.ConnectionString, s => s.CommandTimeout(120)).AddInterceptors(SqliteBusyTimeout.Instance));
            services.AddScoped<PortalDb>(sp => sp.GetRequiredService<SqlitePortalDb>());
        }

        services.AddScoped<DossierCodeAllocator>();
        return services;
    }

    /// <summary>Applies the provider's migrations (EF takes a database lock, so several nodes may start at once).</summary>
    public static async Task MigrateAsync(PortalDb db, CancellationToken ct = default)
    {
        if (!db.IsPostgres)
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(builder.DataSource))!);
            }
        }

        await db.Database.MigrateAsync(ct);
        if (!db.IsPostgres)
        {
            // WAL lets readers work while one writer commits; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
