using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The raw baselines the load benchmarks (bench/load) measure the product's pages against, in the same process and
/// run: a constant, a one-row insert and a lookup by dossier code, each with plain ADO.NET and nothing of the
/// product's stack (no EF, no MVC, no antiforgery, no view). They exist only in the environment named
/// <see cref="PortalEnvironments.Benchmark"/> (<c>ASPNETCORE_ENVIRONMENT=Benchmark</c>, set by the bench scripts), so
/// no setting can turn them on in Production, Development or the test host.
/// </summary>
public static class BaselineEndpoints
{
    public const string Prefix = "/_baseline";

    /// <summary>The insert baseline's own table, outside the EF model and its migrations.</summary>
    private const string Table = "BaselineRows";

    public static bool Enabled(IHostEnvironment environment) => environment.IsEnvironment(PortalEnvironments.Benchmark);

    /// <summary>Creates the insert baseline's table in the Benchmark environment.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        if (!Enabled(app.Environment))
        {
            return;
        }

        var database = app.Services.GetRequiredService<DatabaseOptions>();
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = database.Provider == DatabaseProvider.Postgres
            ? $"""CREATE TABLE IF NOT EXISTS "{Table}" ("Id" bigserial PRIMARY KEY, "Code" varchar(40) NOT NULL, "CreatedAt" timestamptz NOT NULL)"""
            : $"""CREATE TABLE IF NOT EXISTS "{Table}" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "Code" TEXT NOT NULL, "CreatedAt" TEXT NOT NULL)""";
        await create.ExecuteNonQueryAsync();
    }

    public static WebApplication MapBaselineEndpoints(this WebApplication app)
    {
        if (!Enabled(app.Environment))
        {
            return app;
        }

        var database = app.Services.GetRequiredService<DatabaseOptions>();
        app.MapGet(Prefix + "/constant", () => Results.Text("ok"));
        app.MapPost(Prefix + "/insert", async (CancellationToken ct) =>
        {
            await using var connection = Open(database);
            await OpenAsync(connection, ct);
            await using var insert = connection.CreateCommand();
            insert.CommandText = $"""INSERT INTO "{Table}" ("Code", "CreatedAt") VALUES (@code, @at)""";
            Add(insert, "@code", Guid.NewGuid().ToString("N"));
            Add(insert, "@at", DateTime.UtcNow);
            await insert.ExecuteNonQueryAsync(ct);
            return Results.Text("ok");
        });
        app.MapGet(Prefix + "/lookup", async (string? ma, CancellationToken ct) =>
        {
            await using var connection = Open(database);
            await OpenAsync(connection, ct);
            await using var select = connection.CreateCommand();
            select.CommandText = """SELECT "Status", "LookupPin" FROM "Dossiers" WHERE "Code" = @code""";
            Add(select, "@code", ma ?? string.Empty);
            await using var reader = await select.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? Results.Text(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)) : Results.NotFound();
        });
        return app;
    }

    private static DbConnection Open(DatabaseOptions database) => database.Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnection(database.ConnectionString)
        : new SqliteConnection(database.ConnectionString);

    /// <summary>Opens the connection as the product's contexts do (on SQLite: the same busy timeout, no EF).</summary>
    private static async Task OpenAsync(DbConnection connection, CancellationToken ct)
    {
        await connection.OpenAsync(ct);
        SqliteBusyTimeout.Apply(connection);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
