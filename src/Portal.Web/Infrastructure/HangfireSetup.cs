using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Http.Features;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Web.Infrastructure;

public enum JobStorageKind
{
    /// <summary>Follow the database: SQLite file beside portal.db, or the PostgreSQL database (schema "hangfire").</summary>
    Auto,
    Sqlite,
    Postgres,
    InMemory,
}

/// <summary>
/// Hangfire runs every timer, notification and document. Its storage lives in DI (never the static
/// <c>JobStorage.Current</c>), so two hosts in one process (tests) never run each other's jobs.
/// </summary>
public static class HangfireSetup
{
    public static IServiceCollection AddPortalHangfire(this IServiceCollection services, IConfiguration configuration,
        DatabaseOptions database, string dataDirectory, PortalOptions portal)
    {
        var kind = configuration.GetValue("Hangfire:Storage", JobStorageKind.Auto);
        if (kind == JobStorageKind.Auto)
        {
            kind = database.Provider == DatabaseProvider.Postgres ? JobStorageKind.Postgres : JobStorageKind.Sqlite;
        }

        // Created on first use: `dotnet ef` runs Program.cs up to Build() and must not leave a stray database.
        // Succeeded and deleted jobs expire after this (Hangfire's expiration manager removes them), so the job history
        // stays at about a day of work; failed jobs stay until someone looks at them.
        var keepFor = configuration.GetValue("Hangfire:KeepSucceededFor", TimeSpan.FromDays(1));
        services.AddSingleton<JobStorage>(_ => WithExpiry(kind switch
        {
            JobStorageKind.InMemory => new InMemoryStorage(),
            JobStorageKind.Postgres => new PostgreSqlStorage(
                new NpgsqlConnectionFactory(configuration["Hangfire:ConnectionString"] ?? database.ConnectionString!, new PostgreSqlStorageOptions()),
                new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, InvisibilityTimeout = TimeSpan.FromMinutes(5) }),
            _ => new SQLiteStorage(Path.Combine(dataDirectory, "hangfire.db"), new SQLiteStorageOptions { InvisibilityTimeout = TimeSpan.FromMinutes(5) }),
        }, keepFor));
        // Hangfire.AspNetCore would otherwise hand every host the static JobActivator.Current (the last host built):
        // with several hosts in one process (tests), jobs ran in a disposed host's container.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, cfg) => cfg
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new ResilientHangfireLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        if (portal.RunsWorker)
        {
            services.AddHangfireServer((sp, o) =>
            {
                o.WorkerCount = configuration.GetValue("Hangfire:Workers", Math.Max(2, Environment.ProcessorCount * 2));
                o.SchedulePollingInterval = TimeSpan.FromSeconds(configuration.GetValue("Hangfire:PollSeconds", 5));
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        return services;
    }

    private static JobStorage WithExpiry(JobStorage storage, TimeSpan keepFor)
    {
        storage.JobExpirationTimeout = keepFor;
        return storage;
    }
}

/// <summary>
/// The dashboard's commands (trigger, remove, delete, requeue …) and its statistics poll read a form and are meant for
/// POST; asked for with another method they threw inside Hangfire (a form that is not there: a 500). Outside POST the
/// dashboard is handed a form that refuses to be read, and such a request answers 405 with <c>Allow: POST</c>. Its
/// pages and files, which read no form, answer as before.
/// </summary>
public sealed class DashboardCommandsArePostOnly(RequestDelegate next)
{
    public const string Path = "/hangfire";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Path) || HttpMethods.IsPost(context.Request.Method))
        {
            await next(context);
            return;
        }

        context.Features.Set<IFormFeature>(new NoForm());
        try
        {
            await next(context);
        }
        catch (NoForm.ReadException) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = HttpMethods.Post;
        }
    }

    private sealed class NoForm : IFormFeature
    {
        public bool HasFormContentType => false;

        public IFormCollection? Form
        {
            get => null;
            set => throw new ReadException();
        }

        public IFormCollection ReadForm() => throw new ReadException();

        public Task<IFormCollection> ReadFormAsync(CancellationToken cancellationToken) => throw new ReadException();

        public sealed class ReadException() : InvalidOperationException("A dashboard command was asked for without POST.");
    }
}

/// <summary>The /hangfire dashboard is for administrators only.</summary>
public sealed class AdminDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User.IsInRole(Roles.Admin);
}

/// <summary>
/// Hangfire keeps its log provider in a static; with several hosts in one process (tests) the first disposed host
/// would leave it pointing at a disposed logger factory. This provider falls back to silence instead of throwing.
/// </summary>
internal sealed class ResilientHangfireLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return new ForwardingLog(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new ForwardingLog(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        }
    }

    private sealed class ForwardingLog(ILogger logger) : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                Hangfire.Logging.LogLevel.Trace => LogLevel.Trace,
                Hangfire.Logging.LogLevel.Debug => LogLevel.Debug,
                Hangfire.Logging.LogLevel.Info => LogLevel.Information,
                Hangfire.Logging.LogLevel.Warn => LogLevel.Warning,
                Hangfire.Logging.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            if (messageFunc is null)
            {
                return logger.IsEnabled(level);
            }

            try
            {
                logger.Log(level, exception, "{Message}", messageFunc());
            }
            catch (ObjectDisposedException)
            {
                // The host that owned the logger is gone; nothing to log to.
            }

            return true;
        }
    }
}
