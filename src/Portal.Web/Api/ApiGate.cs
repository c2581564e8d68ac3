using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Portal.Core.Api;
using Portal.Core.Data;
using Portal.Core.Security;

namespace Portal.Web.Api;

/// <summary>Section "Api".</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Calls per client per minute, counted in the database (every node sees the same count).</summary>
    public int RequestsPerMinute { get; set; } = 120;
}

/// <summary>The client an API call is made for, as <see cref="ApiGate"/> found it.</summary>
public sealed record ApiCaller(ApiClient Client, ApiReach Reach);

/// <summary>
/// Runs on every API endpoint after the token and its scope were checked: the client behind the token must still be
/// there, not revoked, and the token not older than its current secret (401 otherwise); then its calls are counted
/// per minute with the shared database <see cref="Throttle"/> (429 with Retry-After over the limit).
/// </summary>
public sealed class ApiGate(PortalDb db, Throttle throttle, IOptions<ApiOptions> options, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var clientId = http.User.GetClaim(OpenIddictConstants.Claims.Subject);
        var client = clientId is null ? null : await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, http.RequestAborted);
        if (client is null || !client.Accepts(http.User.GetCreationDate()))
        {
            return ApiProblems.Result(StatusCodes.Status401Unauthorized, Portal.Web.Infrastructure.Bilingual.T(
                "Token này không còn hiệu lực (ứng dụng đã bị thu hồi hoặc đã đổi khóa bí mật). Xin token mới.",
                "This token is no longer valid (the client was revoked or its secret rotated). Request a new token."));
        }

        http.Items[ApiPipeline.ClientItem] = client.ClientId;
        var key = "api-client:" + client.ClientId;
        var state = await throttle.CheckAsync(key, http.RequestAborted);
        if (!state.IsBlocked)
        {
            var window = TimeSpan.FromMinutes(1);
            // The call that reaches the limit still runs; the ones after it wait for the window to end.
            await throttle.FailAsync(key, ThrottlePolicy.Fixed(Math.Max(1, options.Value.RequestsPerMinute), window, window), http.RequestAborted);
        }
        else
        {
            http.Response.Headers.RetryAfter = state.RetryAfterSeconds(time.GetUtcNow().UtcDateTime).ToString(CultureInfo.InvariantCulture);
            return ApiProblems.Result(StatusCodes.Status429TooManyRequests);
        }

        http.Items[typeof(ApiCaller)] = new ApiCaller(client, await ApiReach.OfAsync(db, client, http.RequestAborted));
        return await next(context);
    }
}

public static class ApiCallerExtensions
{
    public static ApiCaller Caller(this HttpContext http) =>
        http.Items[typeof(ApiCaller)] as ApiCaller ?? throw new InvalidOperationException("ApiGate did not run before this endpoint.");
}
