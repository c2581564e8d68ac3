using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Behind a load balancer or reverse proxy (several web nodes at scale) the connection's address is the proxy's: the
/// audit trail would record it for every official and the rate limits would count every citizen as one. The addresses
/// of the proxies the province runs are configuration (<c>ForwardedHeaders:KnownProxies</c>, single addresses, and
/// <c>ForwardedHeaders:KnownNetworks</c>, CIDR ranges); only a request arriving from one of them may say, in
/// X-Forwarded-For and X-Forwarded-Proto, who the client is. Nothing configured: the headers are ignored.
/// </summary>
public static class ProxySupport
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Entries(configuration, "KnownProxies")
            .Select(e => IPAddress.TryParse(e.Text, out var address) ? address : throw Invalid(e, "an IP address")).ToList();
        var networks = Entries(configuration, "KnownNetworks")
            .Select(e => System.Net.IPNetwork.TryParse(e.Text, out var network) ? network : throw Invalid(e, "a CIDR network (e.g. 10.0.0.0/8)")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it (HSTS, rate limits, audit) sees the client.</summary>
    public static WebApplication UseProxySupport(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count + options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static IEnumerable<(string Key, string Text)> Entries(IConfiguration configuration, string key) =>
        configuration.GetSection($"{Section}:{key}").GetChildren()
            .Select(entry => ($"{Section}:{key}:{entry.Key}", entry.Value?.Trim() ?? string.Empty))
            .Where(entry => entry.Item2.Length > 0);

    // A typo here would silently trust nobody, or the wrong hosts: refuse to start and say which entry.
    private static InvalidOperationException Invalid((string Key, string Text) entry, string expected) =>
        new($"{entry.Key} = \"{entry.Text}\" is not {expected}.");
}
