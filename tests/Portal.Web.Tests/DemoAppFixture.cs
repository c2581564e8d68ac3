using Portal.Testing;

namespace Portal.Web.Tests;

/// <summary>A portal with a small demo (catalogue, accounts, a few hundred dossiers), shared by a test class.</summary>
public sealed class DemoAppFixture : IAsyncLifetime
{
    public PortalApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        App = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "400" });

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
