using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Payments;

namespace Portal.Web.Areas.Citizen.Controllers;

/// <summary>
/// The sandbox gateway's own pages: it checks the portal's signed request, lets the tester pay or fail, records the
/// outcome in its ledger, sends the signed callback to the portal's IPN address server to server, and only then
/// sends the browser back to the return address.
/// </summary>
[Area("Citizen")]
[AllowAnonymous]
[Route("cong-thanh-toan-thu")]
public sealed class SandboxGatewayController(SandboxPaymentGateway gateway, IHttpClientFactory http, ILogger<SandboxGatewayController> log) : Controller
{
    public const string CallbackClient = "payments-sandbox";

    [HttpGet("")]
    public IActionResult Index()
    {
        var request = SignedRequest();
        if (request is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Invalid");
        }

        return View(request);
    }

    [HttpPost("")]
    public async Task<IActionResult> Complete(string outcome, CancellationToken ct)
    {
        var request = SignedRequest();
        if (request is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Invalid");
        }

        var callback = gateway.Complete(request.Reference, request.AmountVnd, outcome == "pay");
        try
        {
            using var client = http.CreateClient(CallbackClient);
            client.BaseAddress ??= new Uri($"{Request.Scheme}://{Request.Host}");
            using var response = await client.PostAsync("/thanh-toan/ipn", new FormUrlEncodedContent(callback), ct);
            log.LogInformation("Sandbox gateway callback for {Reference}: {Status}", request.Reference, (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            // A real gateway retries its callback; the return page's server-side query covers the gap meanwhile.
            log.LogWarning(e, "Sandbox gateway could not deliver the callback for {Reference}", request.Reference);
        }

        var back = request.ReturnUrl + (request.ReturnUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "ref=" + Uri.EscapeDataString(request.Reference)
            + "&code=" + callback["code"];
        return Redirect(back);
    }

    private SandboxRequest? SignedRequest()
    {
        var fields = Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (!gateway.IsSigned(fields) || !fields.TryGetValue("ref", out var reference) || !fields.TryGetValue("return", out var returnUrl)
            || !long.TryParse(fields.GetValueOrDefault("amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || !Uri.TryCreate(returnUrl, UriKind.Absolute, out var back) || back.Scheme is not ("http" or "https"))
        {
            return null;
        }

        return new SandboxRequest(reference, amount, fields.GetValueOrDefault("order") ?? string.Empty, returnUrl);
    }
}

public sealed record SandboxRequest(string Reference, long AmountVnd, string Order, string ReturnUrl);
