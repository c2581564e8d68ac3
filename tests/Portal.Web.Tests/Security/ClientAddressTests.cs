using System.Net;
using Portal.Core.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>
/// ASVS 2.2.1 / 11.1.x: a client is counted by its IPv4 address or its IPv6 /64, so that the 2^64 addresses one IPv6
/// line gets are one client for the rate limits and the throttle's keys, not 2^64.
/// </summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:abcd::9%3")]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7")]
    public void Two_addresses_of_one_client_share_a_partition(string one, string other) =>
        Assert.Equal(ClientAddress.Partition(IPAddress.Parse(one)), ClientAddress.Partition(IPAddress.Parse(other)));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    [InlineData("2001:db8:1:2::1", "2001:db9:1:2::1")]
    [InlineData("203.0.113.7", "203.0.113.8")]
    [InlineData("203.0.113.7", "::203.0.113.7")]
    public void Addresses_of_different_clients_do_not(string one, string other) =>
        Assert.NotEqual(ClientAddress.Partition(IPAddress.Parse(one)), ClientAddress.Partition(IPAddress.Parse(other)));

    [Fact]
    public void A_partition_reads_as_the_address_or_the_prefix()
    {
        Assert.Equal("203.0.113.7", ClientAddress.Partition(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.Equal("2001:db8:1:2::/64", ClientAddress.Partition(IPAddress.Parse("2001:db8:1:2:abcd::9")));
        Assert.Equal(ClientAddress.None, ClientAddress.Partition(null));
    }

    [Fact]
    public async Task The_lookup_rate_limit_counts_an_IPv6_client_by_its_64_prefix()
    {
        await using var app = await PortalApp.StartKestrelAsync(new Dictionary<string, string?>
        {
            ["RateLimits:LookupPerMinute"] = "2",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { "2001:db8:1:2::1", "2001:db8:1:2::ffff", "2001:db8:1:2:abcd::9", "2001:db8:1:3::1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/tra-cuu")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = "000.00.00.H31-260101-0001", ["Pin"] = "123456" }),
            };
            request.Headers.Add("X-Forwarded-For", client);
            statuses.Add((await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[0]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[3]);
    }
}
