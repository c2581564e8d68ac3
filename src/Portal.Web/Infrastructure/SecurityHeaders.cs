namespace Portal.Web.Infrastructure;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows scripts and styles from this origin
/// only (no inline script, no inline style attribute, no eval), no framing (but the editor's preview of a draft's form, by this origin), no plugins. The Hangfire dashboard,
/// for administrators only, renders inline scripts of its own and gets a policy that allows them there and
/// nowhere else.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>
    /// The API's reference (Scalar, /api/docs): a static page with no user data whose loader is one inline module script,
    /// and whose components inject their own styles. Like the dashboard, it alone may have them.
    /// </summary>
    private const string ApiDocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>
    /// A PDF opened in the browser to print (Mẫu 01 at the desk): Chrome shows it in a page of its own making, whose inline
    /// styles and plugin the page policy refuses (a blank or squashed viewer, Chromium issue 271452). The response is a PDF,
    /// never our HTML, so it may have those and nothing else.
    /// </summary>
    public const string InlinePdfPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static bool IsInlinePdf(HttpResponse response) =>
        response.ContentType == "application/pdf" && response.Headers.ContentDisposition.ToString().StartsWith("inline", StringComparison.Ordinal);

    /// <summary>The procedure editor shows the draft's e-form in a frame of its own page: that page alone may be framed, by this origin.</summary>
    public static bool MayBeFramedHere(PathString path) =>
        path.StartsWithSegments("/quan-tri/thu-tuc") && path.Value!.EndsWith("/ban-nhap/xem-truoc", StringComparison.Ordinal);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var framed = MayBeFramedHere(context.Request.Path);
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/hangfire") ? DashboardPolicy
                : context.Request.Path.StartsWithSegments(Api.PortalApi.DocsPath) ? ApiDocsPolicy
                : framed ? Policy.Replace("frame-ancestors 'none'", "frame-ancestors 'self'", StringComparison.Ordinal)
                : IsInlinePdf(context.Response) ? InlinePdfPolicy
                : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = framed ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
