using System.Net;
using Portal.Testing;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// Behind the province's load balancer every request arrives from the balancer's address. Over real sockets (Kestrel on
/// loopback, loopback playing the proxy): the rate limit of the public lookup must count each client the proxy names,
/// and a client that is not a known proxy must not be able to pick its own address with the header.
/// </summary>
public sealed class ProxySupportTests
{
    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["RateLimits:LookupPerMinute"] = "2" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<HttpStatusCode[]> LookupsAsync(PortalApp app, params string[] clients)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var statuses = new List<HttpStatusCode>();
        foreach (var client in clients)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/tra-cuu")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = "000.00.00.H31-260101-0001", ["Pin"] = "123456" }),
            };
            request.Headers.Add("X-Forwarded-For", client);
            statuses.Add((await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }

        return [.. statuses];
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_client_has_its_own_rate_limit()
    {
        await using var app = await PortalApp.StartKestrelAsync(Settings(("ForwardedHeaders:KnownProxies:0", "127.0.0.1")));

        var statuses = await LookupsAsync(app, "203.0.113.7", "203.0.113.7", "203.0.113.7", "198.51.100.20");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[0]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[3]);
    }

    [Fact]
    public async Task Without_configured_proxies_the_header_is_ignored()
    {
        await using var app = await PortalApp.StartKestrelAsync(Settings());

        var statuses = await LookupsAsync(app, "203.0.113.7", "203.0.113.8", "203.0.113.9");

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
    }

    [Fact]
    public async Task A_mistyped_proxy_address_stops_the_start_and_names_the_entry()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await PortalApp.StartKestrelAsync(Settings(("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33")));
        });

        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("ForwardedHeaders:KnownNetworks:0 = \"10.0.0.0/33\" is not a CIDR network", messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
