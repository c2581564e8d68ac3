using Microsoft.AspNetCore.HostFiltering;
using Portal.Core.Links;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The public address (<see cref="PublicUrls"/>, registered once) and the host filtering that follows it: outside
/// Development a request naming another host in its Host header is answered 400 before anything reads it, unless
/// <c>AllowedHosts</c> is set explicitly (several names, a wildcard). In Development every host is allowed.
/// </summary>
public static class PublicHost
{
    public static PublicUrls AddPublicHost(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        var urls = PublicUrls.From(builder.Configuration, environment.IsDevelopment(), allowHttp: PortalEnvironments.IsLocal(environment));
        builder.Services.AddSingleton(urls);
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            // Runs before the host's own PostConfigure, which falls back to "*" only when nothing is set.
            builder.Services.Configure<HostFilteringOptions>(o => o.AllowedHosts = [urls.Host]);
        }

        return urls;
    }
}
