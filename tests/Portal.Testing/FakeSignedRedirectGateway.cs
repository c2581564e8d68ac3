using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Testing;

/// <summary>
/// A local stand-in for a VNPAY-style gateway on a real loopback port. Its payment page takes the portal's redirect,
/// checks the signature and every parameter the protocol requires (refusing with 400 and the reason otherwise), then,
/// as a citizen who paid (or cancelled, with <c>outcome=cancel</c>), sends the signed notification server to server to
/// the portal's registered IPN address and sends the browser to the return address with the same signed fields.
/// The hashing is written here from the protocol, not borrowed from the portal's adapter.
/// </summary>
public sealed class FakeSignedRedirectGateway : IAsyncDisposable
{
    public const string MerchantCode = "HPDVC001";
    public const string Secret = "khoa-bi-mat-cua-cong-thanh-toan-thu";
    public const string PagePath = "/paymentv2/vpcpay.html";

    private readonly WebApplication _app;
    private int _transactionNo = 14_000_000;

    private FakeSignedRedirectGateway(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The payment page's address (Payments:SignedRedirect:PaymentUrl).</summary>
    public string PaymentUrl { get; private set; } = string.Empty;

    /// <summary>The IPN address registered for the merchant (the portal's /thanh-toan/ipn).</summary>
    public string NotifyUrl { get; set; } = "http://localhost/thanh-toan/ipn";

    /// <summary>The return address the merchant registered: a request naming another is refused.</summary>
    public string ReturnUrl { get; set; } = "http://localhost/thanh-toan/ket-qua";

    /// <summary>How the fake reaches the portal (a test server's handler, or a real one for a portal on Kestrel).</summary>
    public Func<HttpMessageHandler> PortalHandler { get; set; } = () => new SocketsHttpHandler();

    /// <summary>False: the notification is lost (only the browser comes back).</summary>
    public bool DeliverNotifications { get; set; } = true;

    /// <summary>Every order the payment page accepted, by reference, with its fields.</summary>
    public ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Orders { get; } = new(StringComparer.Ordinal);

    /// <summary>Every notification sent and the portal's JSON answer.</summary>
    public ConcurrentQueue<(string Reference, JsonElement Answer)> Notifications { get; } = new();

    public static async Task<FakeSignedRedirectGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSignedRedirectGateway(app);
        app.MapGet(PagePath, (Delegate)fake.PayAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.PaymentUrl = address.TrimEnd('/') + PagePath;
        return fake;
    }

    private async Task<IResult> PayAsync(HttpContext context)
    {
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var outcome = query.Remove("outcome", out var o) ? o : "pay";
        if (Problem(query, ReturnUrl) is { } problem)
        {
            return Results.BadRequest(problem);
        }

        var reference = query["vnp_TxnRef"];
        Orders[reference] = query;
        var paid = outcome == "pay";
        var result = Result(reference, long.Parse(query["vnp_Amount"], CultureInfo.InvariantCulture) / 100, paid ? "00" : "24",
            Interlocked.Increment(ref _transactionNo).ToString(CultureInfo.InvariantCulture));
        if (DeliverNotifications)
        {
            await NotifyAsync(result, context.RequestAborted);
        }

        return Results.Redirect(ReturnUrl + "?" + Query(result));
    }

    /// <summary>Why the portal's request is refused, or null: signature, version, command, merchant, amount, currency, dates, addresses.</summary>
    private static string? Problem(Dictionary<string, string> query, string returnUrl)
    {
        if (!query.TryGetValue("vnp_SecureHash", out var hash) || !string.Equals(hash, Sign(query), StringComparison.Ordinal))
        {
            return "invalid signature";
        }

        string[] required = ["vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_Amount", "vnp_CurrCode", "vnp_TxnRef", "vnp_OrderInfo", "vnp_OrderType",
            "vnp_Locale", "vnp_ReturnUrl", "vnp_IpAddr", "vnp_CreateDate", "vnp_ExpireDate"];
        if (required.FirstOrDefault(r => string.IsNullOrEmpty(query.GetValueOrDefault(r))) is { } missing)
        {
            return "missing " + missing;
        }

        if (query["vnp_Version"] != "2.1.0" || query["vnp_Command"] != "pay" || query["vnp_CurrCode"] != "VND")
        {
            return "unsupported version, command or currency";
        }

        if (query["vnp_TmnCode"] != MerchantCode)
        {
            return "unknown merchant";
        }

        if (!long.TryParse(query["vnp_Amount"], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount % 100 != 0)
        {
            return "invalid amount";
        }

        if (!DateTime.TryParseExact(query["vnp_CreateDate"], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var created)
            || !DateTime.TryParseExact(query["vnp_ExpireDate"], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires)
            || expires <= created)
        {
            return "invalid dates";
        }

        // The gateway's clock reads Vietnam time (UTC+7).
        var nowInVietnam = DateTime.UtcNow.AddHours(7);
        if (Math.Abs((nowInVietnam - created).TotalMinutes) > 5 || expires < nowInVietnam)
        {
            return "create date not in Vietnam time, or expired";
        }

        if (query["vnp_ReturnUrl"] != returnUrl)
        {
            return "return address not the registered one";
        }

        return query["vnp_OrderInfo"].Any(c => c > '~') ? "order information not ASCII" : null;
    }

    /// <summary>The gateway's signed result of an order, as it sends it to the IPN and the return address.</summary>
    public static Dictionary<string, string> Result(string reference, long amountVnd, string responseCode, string transactionNo, string merchant = MerchantCode)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_Amount"] = (amountVnd * 100).ToString(CultureInfo.InvariantCulture),
            ["vnp_BankCode"] = "NCB",
            ["vnp_OrderInfo"] = "Thanh toan phi, le phi ho so",
            ["vnp_PayDate"] = DateTime.UtcNow.AddHours(7).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
            ["vnp_ResponseCode"] = responseCode,
            ["vnp_TmnCode"] = merchant,
            ["vnp_TransactionNo"] = transactionNo,
            ["vnp_TransactionStatus"] = responseCode,
            ["vnp_TxnRef"] = reference,
        };
        fields["vnp_SecureHash"] = Sign(fields);
        return fields;
    }

    /// <summary>Sends a notification to the portal's IPN address and returns its JSON answer.</summary>
    public async Task<JsonElement> NotifyAsync(IReadOnlyDictionary<string, string> fields, CancellationToken ct = default)
    {
        using var client = new HttpClient(PortalHandler());
        using var response = await client.GetAsync(NotifyUrl + "?" + Query(fields), ct);
        var answer = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(ct));
        Notifications.Enqueue((fields.GetValueOrDefault("vnp_TxnRef") ?? string.Empty, answer));
        return answer;
    }

    /// <summary>HMAC-SHA512 (lower-case hex) of the vnp_ fields but the hash, sorted by name, each name=value form-URL-encoded, joined by '&amp;'.</summary>
    public static string Sign(IReadOnlyDictionary<string, string> fields)
    {
        var data = string.Join('&', fields.Where(f => f.Key.StartsWith("vnp_", StringComparison.Ordinal) && f.Key is not ("vnp_SecureHash" or "vnp_SecureHashType") && f.Value.Length > 0)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => System.Web.HttpUtility.UrlEncode(f.Key) + "=" + System.Web.HttpUtility.UrlEncode(f.Value).ToUpperHex()));
        using var hmac = new System.Security.Cryptography.HMACSHA512(System.Text.Encoding.UTF8.GetBytes(Secret));
        return Convert.ToHexString(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(data))).ToLowerInvariant();
    }

    public static string Query(IReadOnlyDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class PercentEncoding
{
    /// <summary>HttpUtility writes %2f where WebUtility and PHP's urlencode write %2F; the gateway's reference implementation uses upper case.</summary>
    public static string ToUpperHex(this string encoded)
    {
        var chars = encoded.ToCharArray();
        for (var i = 0; i + 2 < chars.Length; i++)
        {
            if (chars[i] == '%')
            {
                chars[i + 1] = char.ToUpperInvariant(chars[i + 1]);
                chars[i + 2] = char.ToUpperInvariant(chars[i + 2]);
            }
        }

        return new string(chars);
    }
}
