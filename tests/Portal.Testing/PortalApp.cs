using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;

namespace Portal.Testing;

/// <summary>
/// The whole portal in-process on a fresh database of the requested provider, Hangfire in memory, its own data
/// folder (documents, mail pickup). Settings can be overridden per test class. The environment is "Testing" (plain
/// HTTP, public address http://localhost) unless another is named: then the settings a live portal must have
/// (<see cref="GoLiveSettings"/>: an https public address and the data-protection certificate) are filled in too.
/// </summary>
public class PortalApp : WebApplicationFactory<Program>
{
    /// <summary>The public address of a host outside the test environment (what <see cref="GoLiveSettings"/> sets).</summary>
    public const string LiveBaseUrl = "https://dichvucong.haiphong.example.vn";

    private readonly Dictionary<string, string?> _settings = [];

    public PortalApp(TestDatabase database, IDictionary<string, string?>? settings = null, string environment = "Testing")
    {
        Database = database;
        EnvironmentName = environment;
        DataDirectory = Path.Combine(Path.GetTempPath(), "portal-tests", "data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings["Database:Provider"] = database.Provider.ToString();
        _settings["Database:ConnectionString"] = database.Options.ConnectionString;
        _settings["Hangfire:Storage"] = "InMemory";
        _settings["Portal:DataDirectory"] = DataDirectory;
        _settings["Portal:SeedDemo"] = "false";
        // The in-process client's host: links in mails and pages point where the tests' client can follow them.
        _settings["Portal:PublicBaseUrl"] = "http://localhost";
        if (environment is not ("Testing" or "Development"))
        {
            foreach (var (key, value) in GoLiveSettings())
            {
                _settings[key] = value;
            }
        }

        // Many tests sign in from the same in-process "address"; the rate-limit tests set their own low limits.
        _settings["RateLimits:LoginPerMinute"] = "100000";
        _settings["RateLimits:RegisterPerTenMinutes"] = "100000";
        _settings["RateLimits:RecoveryPerTenMinutes"] = "100000";
        _settings["RateLimits:SetPasswordPerTenMinutes"] = "100000";
        _settings["RateLimits:LookupPerMinute"] = "100000";
        // Every in-process client is one address ("local"): its wrong passwords would add up across tests.
        _settings["SignInThrottle:AddressFailures"] = "100000";
        // The production hash (210 000 PBKDF2 iterations, about a quarter of a second here) for every demo account
        // seeded and every sign-in would add minutes to the suite; PasswordPolicyTests sets it back (null = the default).
        _settings["Identity:PasswordHashIterations"] = "1000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestDatabase Database { get; }

    /// <summary>False for a second node on another app's database: disposing it leaves the database to its owner.</summary>
    public bool OwnsDatabase { get; init; } = true;
    public string EnvironmentName { get; }

    /// <summary>What a portal outside Development and the test host must be given: its https address and a certificate.</summary>
    public static Dictionary<string, string?> GoLiveSettings(string publicBaseUrl = LiveBaseUrl, string? certificatePfx = null) => new()
    {
        ["Portal:PublicBaseUrl"] = publicBaseUrl,
        ["DataProtection:CertificatePath"] = certificatePfx ?? TestCertificate.SharedPfx,
        ["DataProtection:CertificatePassword"] = TestCertificate.Password,
    };
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
        // The port is chosen first so that the public address (mail links, host filtering) is the one the browser uses.
        var port = FreePort();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        all.TryAdd("Portal:PublicBaseUrl", $"http://127.0.0.1:{port}");
        // Kestrel's loopback listener answers to both names.
        all.TryAdd("AllowedHosts", "127.0.0.1;localhost");
        var app = new PortalApp(database, all);
        app.UseKestrel(port);
        app.StartServer();
        return app;
    }

    public static int FreePort()
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
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase)
        {
            await Database.DisposeAsync();
        }
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
