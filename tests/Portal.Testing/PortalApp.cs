using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;

namespace Portal.Testing;

/// <summary>
/// The whole portal in-process on a fresh database of the requested provider, Hangfire in memory, its own data
/// folder (documents, mail pickup). Settings can be overridden per test class.
/// </summary>
public class PortalApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = [];

    public PortalApp(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        Database = database;
        DataDirectory = Path.Combine(Path.GetTempPath(), "portal-tests", "data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings["Database:Provider"] = database.Provider.ToString();
        _settings["Database:ConnectionString"] = database.Options.ConnectionString;
        _settings["Hangfire:Storage"] = "InMemory";
        _settings["Portal:DataDirectory"] = DataDirectory;
        _settings["Portal:SeedDemo"] = "false";
        // Many tests sign in from the same in-process "address"; the rate-limit tests set their own low limits.
        _settings["RateLimits:LoginPerMinute"] = "100000";
        _settings["RateLimits:RegisterPerTenMinutes"] = "100000";
        _settings["RateLimits:LookupPerMinute"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestDatabase Database { get; }
    public string DataDirectory { get; }

    public static async Task<PortalApp> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(migrate: false);
        var app = new PortalApp(database, settings);
        _ = app.Server;
        return app;
    }

    /// <summary>
    /// The portal on a real Kestrel port (for a browser), with the given settings. Its public address is that port
    /// (unless the settings name one), so that links and the sandbox gateway's notification reach this very portal.
    /// </summary>
    public static async Task<PortalApp> StartKestrelAsync(IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(migrate: false);
        var port = FreePort();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        all.TryAdd("Outbox:PublicBaseUrl", $"http://127.0.0.1:{port}");
        var app = new PortalApp(database, all);
        app.UseKestrel(port);
        app.StartServer();
        return app;
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The address Kestrel listens on (after <see cref="StartKestrelAsync"/>).</summary>
    public string BaseUrl =>
        Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task WithDbAsync(Func<PortalDb, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<PortalDb>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}
