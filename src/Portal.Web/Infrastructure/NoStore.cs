namespace Portal.Web.Infrastructure;

/// <summary>
/// Nothing the portal renders may stay in a browser's or a proxy's cache: pages of a signed-in person, documents,
/// receipts and forms (Mẫu 01–05), exports, JSON. Every response past the static files gets
/// <c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c> unless its endpoint chose a caching of its own; a bare
/// "no-cache" (what sign-in and antiforgery set) gets "no-store" beside it, and any no-store gets its Pragma. The files of wwwroot are served before this
/// runs and keep their own caching.
/// </summary>
public sealed class NoStore(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var own = headers.CacheControl.ToString();
            if (own.Length == 0)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            else if (own.Contains("no-cache", StringComparison.OrdinalIgnoreCase) && !own.Contains("no-store", StringComparison.OrdinalIgnoreCase))
            {
                headers.CacheControl = own + ", no-store";
            }

            // HTTP/1.0 caches read only Pragma: whatever set no-store (the API reference's files do), they hear it too.
            if (headers.Pragma.Count == 0 && headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
            {
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
