using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Core.Payments;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Citizen;

/// <summary>Where the sandbox exists: Development and test mode (with the TEST banner on every page), never Production.</summary>
public sealed class PaymentModeTests
{
    private sealed class App(TestDatabase database, string environment, IDictionary<string, string?> settings) : PortalApp(database, settings, environment)
    {

        // Production sends plain HTTP to HTTPS: the browser comes over HTTPS.
        public HttpClient Browser(string culture = "vi-VN")
        {
            var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(EnvironmentName == "Development" ? "https://localhost/" : LiveBaseUrl + "/"), AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=" + Uri.EscapeDataString($"c={culture}|uic={culture}"));
            return client;
        }
    }

    private static async Task<App> StartAsync(string environment, params (string Key, string? Value)[] settings)
    {
        var app = new App(await TestDatabase.CreateAsync(migrate: false), environment, settings.ToDictionary(s => s.Key, s => s.Value));
        _ = app.Server;
        return app;
    }

    private static async Task<(HttpStatusCode Gateway, HttpStatusCode Ipn, string Home)> VisitAsync(App app, string culture = "vi-VN")
    {
        using var client = app.Browser(culture);
        using var gateway = await client.GetAsync("/cong-thanh-toan-thu?ref=TT1&amount=1");
        using var ipn = await client.GetAsync("/thanh-toan/ipn?ref=TT1&amount=1");
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        return (gateway.StatusCode, ipn.StatusCode, await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task In_Production_without_a_configured_gateway_the_sandbox_does_not_exist_and_online_payment_is_not_offered()
    {
        await using var app = await StartAsync("Production");

        var (gateway, ipn, home) = await VisitAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, gateway);
        Assert.Equal(HttpStatusCode.NotFound, ipn);
        Assert.DoesNotContain("test-banner", home, StringComparison.Ordinal);
        Assert.False(app.Service<OnlinePayment>().IsOffered);
    }

    [Fact]
    public async Task In_Production_naming_the_sandbox_stops_the_start_with_the_reason()
    {
        var database = await TestDatabase.CreateAsync(migrate: false);
        await using var app = new App(database, "Production", new Dictionary<string, string?> { ["Payments:Gateway"] = "Sandbox" });

        var refused = Assert.Throws<InvalidOperationException>(() => app.Server);

        Assert.Contains("Payments:Gateway = Sandbox is refused outside Development", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_the_sandbox_answers_and_every_page_carries_the_TEST_banner()
    {
        await using var app = await StartAsync("Development");

        var (gateway, ipn, home) = await VisitAsync(app);

        Assert.Equal(HttpStatusCode.BadRequest, gateway);
        Assert.Equal(HttpStatusCode.OK, ipn);
        Assert.Contains("Môi trường THỬ NGHIỆM: thanh toán không chuyển tiền thật", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_Payments_Mode_Test_outside_Development_the_sandbox_answers_and_the_banner_speaks_the_pages_language()
    {
        await using var app = await StartAsync("Production", ("Payments:Mode", "Test"));

        var (gateway, _, home) = await VisitAsync(app);
        var (_, _, english) = await VisitAsync(app, "en-US");

        Assert.Equal(HttpStatusCode.BadRequest, gateway);
        Assert.Contains("Môi trường THỬ NGHIỆM: thanh toán không chuyển tiền thật", home, StringComparison.Ordinal);
        Assert.Contains("TEST environment: payments move no real money", english, StringComparison.Ordinal);
        Assert.DoesNotContain("THỬ NGHIỆM", english, StringComparison.Ordinal);
    }
}
