using System.Net;
using Portal.Core.Links;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Outside Development the portal's cookies (sign-in, antiforgery) are Secure-only, so a form reached over plain HTTP
/// could not be served (the antiforgery cookie cannot be set: an error page). A plain-HTTP request gets a short bilingual
/// page with the HTTPS address instead. Behind a load balancer that ends TLS, name it in <c>ForwardedHeaders</c> so its
/// X-Forwarded-Proto counts; the first refused request logs that hint for the operator. The HTTPS address is the
/// public one (<c>Portal:PublicBaseUrl</c>), never built from the request's Host header.
/// </summary>
public sealed class HttpsOnly(RequestDelegate next, PublicUrls urls, ILogger<HttpsOnly> logger)
{
    private int _warned;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps)
        {
            await next(context);
            return;
        }

        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            logger.LogWarning("A request over plain HTTP was refused ({Path}). Serve the portal over HTTPS; behind a proxy that ends TLS, list it in ForwardedHeaders:KnownProxies or KnownNetworks.",
                context.Request.Path.Value);
        }

        var secure = WebUtility.HtmlEncode(urls.Link($"{context.Request.Path}{context.Request.QueryString}"));
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Cần kết nối an toàn (HTTPS)</title></head>
            <body><main><h1>Cần kết nối an toàn (HTTPS)</h1>
            <p>Cổng Dịch vụ công chỉ phục vụ qua kết nối an toàn để bảo vệ thông tin cá nhân của bạn. Vui lòng mở: <a href="{secure}">{secure}</a></p>
            <p lang="en">This portal is served over HTTPS only, to protect your personal data. Please open <a href="{secure}">{secure}</a>.</p>
            </main></body></html>
            """, context.RequestAborted);
    }
}
