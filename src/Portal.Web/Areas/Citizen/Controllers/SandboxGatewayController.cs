using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Payments;

namespace Portal.Web.Areas.Citizen.Controllers;

/// <summary>
/// The sandbox gateway's own pages (only in Development or test mode): it checks the portal's signed request, lets
/// the tester pay or fail, records the outcome in its ledger, sends the signed notification to the portal's IPN
/// address server to server, and only then sends the browser back to the return address. Both addresses are the
/// configured public address of the portal (<see cref="SandboxPaymentGateway.NotifyUrl"/>), never this request's Host.
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
            using var response = await client.GetAsync(gateway.NotifyUrl(callback), ct);
            log.LogInformation("Sandbox gateway notification for {Reference}: {Status} {Answer}", request.Reference, (int)response.StatusCode,
                await response.Content.ReadAsStringAsync(ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // A real gateway retries its notification; until one arrives the return page says the payment is not confirmed yet.
            log.LogWarning(e, "Sandbox gateway could not deliver the notification for {Reference}", request.Reference);
        }

        return Redirect(gateway.ReturnUrl(callback));
    }

    private SandboxRequest? SignedRequest()
    {
        var fields = Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (!gateway.IsSigned(fields) || !fields.TryGetValue("ref", out var reference)
            || !long.TryParse(fields.GetValueOrDefault("amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return new SandboxRequest(reference, amount, fields.GetValueOrDefault("order") ?? string.Empty, fields.GetValueOrDefault("payee") ?? string.Empty);
    }
}

/// <param name="Payee">The agency that collects the fee, as the portal's signed request names it (the receipt names the same one).</param>
public sealed record SandboxRequest(string Reference, long AmountVnd, string Order, string Payee);
