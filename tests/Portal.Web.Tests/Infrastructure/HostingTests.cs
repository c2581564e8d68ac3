using System.Net;
using Portal.Testing;

namespace Portal.Web.Tests.Infrastructure;

public sealed class HostingTests : IAsyncLifetime
{
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:Name"] = "Cổng thử nghiệm Đà Nẵng" });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_static_file_from_the_root_wwwroot_is_served()
    {
        var client = _app.CreateClient();
        var response = await client.GetAsync("/css/site.css", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("--portal-red", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_root_appsettings_is_read_and_a_test_override_wins()
    {
        var client = _app.CreateClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Cổng thử nghiệm Đà Nẵng", html, StringComparison.Ordinal);
        // A value only the root appsettings.json holds:
        var options = _app.Service<Microsoft.Extensions.Options.IOptions<Portal.Core.Calendar.WorkingTimeOptions>>().Value;
        Assert.Equal(new TimeOnly(15, 0), options.CutOff);
    }
}
