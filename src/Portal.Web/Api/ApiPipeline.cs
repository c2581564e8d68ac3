using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using Portal.Core.Audit;

namespace Portal.Web.Api;

/// <summary>
/// Around every request under /api: the language from Accept-Language; no status-code page (an API error is problem
/// details, never the portal's HTML page), a refusal without a body of its own (the bearer challenge, a forbidden
/// scope) gets its problem details here; and one audit line per call: the client, the route, the status.
/// </summary>
public sealed class ApiPipeline(RequestDelegate next, ILogger<ApiPipeline> logger)
{
    public const string Prefix = "/api/v1";

    /// <summary>The client's id, set by <see cref="ApiGate"/> once it is known.</summary>
    public const string ClientItem = "portal.api.client";

    public static bool IsApi(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context, AuditTrail audit)
    {
        if (!IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }

        var culture = ApiLanguage.Of(context.Request);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        context.Response.Headers.ContentLanguage = culture.TwoLetterISOLanguageName;
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // The portal's error page is HTML; a system calling the API gets the same problem details as for any other error.
            logger.LogError(e, "API call {Method} {Path} failed", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        var status = context.Response.StatusCode;
        if (status >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null or 0 && string.IsNullOrEmpty(context.Response.ContentType))
        {
            context.Response.ContentType = ApiProblems.ContentType;
            await context.Response.WriteAsync(JsonSerializer.Serialize(ApiProblems.For(status), JsonSerializerOptions.Web), context.RequestAborted);
        }

        // A call refused before ApiGate (a scope the token lacks) still names its client when the token itself is good.
        var client = context.Items[ClientItem] as string
            ?? (await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)).Principal?.GetClaim(OpenIddictConstants.Claims.Subject);
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value;
        var detail = $"{context.Request.Method} {route} {status.ToString(CultureInfo.InvariantCulture)}";
        await audit.RecordAsync(new AuditActor(null, client ?? "(không xác thực / unauthenticated)", "ApiClient", null,
            context.Connection.RemoteIpAddress?.ToString()), AuditActions.ApiCall, null, detail, ct: CancellationToken.None);
    }
}
