using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Text;

namespace Portal.Core.Payments;

/// <summary>Section "Payments:SignedRedirect": the merchant's account at the gateway, never taken from a request.</summary>
public sealed class SignedRedirectOptions
{
    public const string Section = "Payments:SignedRedirect";

    /// <summary>The gateway's payment page, e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html.</summary>
    public string? PaymentUrl { get; set; }

    /// <summary>The merchant (terminal) code the gateway issued (vnp_TmnCode).</summary>
    public string? MerchantCode { get; set; }

    /// <summary>The merchant's hash secret: the HMAC-SHA512 key of every request and notification.</summary>
    public string? Secret { get; set; }

    /// <summary>Where the gateway sends the browser back: the portal's /thanh-toan/ket-qua at its public address.</summary>
    public string? ReturnUrl { get; set; }

    /// <summary>The IPN address registered with the gateway: the portal's /thanh-toan/ipn at its public address.</summary>
    public string? NotifyUrl { get; set; }

    public string Version { get; set; } = "2.1.0";

    /// <summary>The gateway page's language: "vn" or "en".</summary>
    public string Locale { get; set; } = "vn";

    /// <summary>How long the citizen has on the gateway's page.</summary>
    public int ExpireMinutes { get; set; } = 15;

    public const string ReturnPath = "/thanh-toan/ket-qua";
    public const string NotifyPath = "/thanh-toan/ipn";

    /// <summary>What stops the start, one sentence per setting.</summary>
    public IReadOnlyList<string> Problems(bool requireHttps)
    {
        var problems = new List<string>();
        Address(nameof(PaymentUrl), PaymentUrl, null);
        Address(nameof(ReturnUrl), ReturnUrl, ReturnPath);
        Address(nameof(NotifyUrl), NotifyUrl, NotifyPath);
        if (string.IsNullOrWhiteSpace(MerchantCode))
        {
            problems.Add($"{Section}:MerchantCode is required (the merchant code the gateway issued).");
        }

        if (string.IsNullOrEmpty(Secret) || Secret.Length < 16)
        {
            problems.Add($"{Section}:Secret is required (the merchant's hash secret, at least 16 characters; keep it out of the repository).");
        }

        if (ExpireMinutes is < 5 or > 1440)
        {
            problems.Add($"{Section}:ExpireMinutes must be between 5 and 1440.");
        }

        return problems;

        void Address(string name, string? value, string? path)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || (requireHttps && uri.Scheme != "https"))
            {
                problems.Add($"{Section}:{name} must be an absolute {(requireHttps ? "https" : "http(s)")} address (got \"{value}\").");
            }
            else if (path is not null && !string.Equals(uri.AbsolutePath, path, StringComparison.Ordinal))
            {
                problems.Add($"{Section}:{name} must be the portal's {path} (got \"{value}\").");
            }
        }
    }
}

/// <summary>
/// The protocol of VNPAY and the Vietnamese gateways built like it: the browser is redirected with the order's
/// parameters sorted by name, URL-encoded, and signed with HMAC-SHA512 over that query string (vnp_SecureHash); the
/// gateway calls the registered IPN address server to server with the result signed the same way, and sends the
/// browser to the return address with the same fields. Amounts are in hundredths of a dong.
/// </summary>
public sealed class SignedRedirectGateway(IOptions<SignedRedirectOptions> options, IOptions<WorkingTimeOptions> workingTime, TimeProvider time) : IPaymentGateway
{
    public const string GatewayName = "signed-redirect";
    public const string HashField = "vnp_SecureHash";
    private const string HashTypeField = "vnp_SecureHashType";
    private const string DateFormat = "yyyyMMddHHmmss";

    private readonly SignedRedirectOptions _options = options.Value;
    private readonly TimeZoneInfo _zone = workingTime.Value.ResolveTimeZone();

    public string Name => GatewayName;

    public string PaymentUrl(PaymentRequest request)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_Version"] = _options.Version,
            ["vnp_Command"] = "pay",
            ["vnp_TmnCode"] = _options.MerchantCode!,
            ["vnp_Amount"] = (request.Payment.AmountVnd * 100).ToString(CultureInfo.InvariantCulture),
            ["vnp_CurrCode"] = "VND",
            ["vnp_TxnRef"] = request.Payment.Reference,
            // Gateways print order information in plain ASCII.
            ["vnp_OrderInfo"] = AsciiOrderInfo(request.OrderInfo),
            ["vnp_OrderType"] = "other",
            ["vnp_Locale"] = _options.Locale,
            ["vnp_ReturnUrl"] = _options.ReturnUrl!,
            ["vnp_IpAddr"] = request.ClientAddress,
            ["vnp_CreateDate"] = Local(now),
            ["vnp_ExpireDate"] = Local(now.AddMinutes(_options.ExpireMinutes)),
        };
        var query = Canonical(fields);
        return $"{_options.PaymentUrl}?{query}&{HashField}={Hash(_options.Secret!, query)}";
    }

    public GatewayReading Read(IReadOnlyDictionary<string, string> fields)
    {
        if (!fields.TryGetValue(HashField, out var hash) || !IsSigned(_options.Secret!, fields, hash))
        {
            return GatewayReading.Refused(IpnAnswer.InvalidSignature);
        }

        if (!string.Equals(fields.GetValueOrDefault("vnp_TmnCode"), _options.MerchantCode, StringComparison.Ordinal)
            || !fields.TryGetValue("vnp_TxnRef", out var reference) || reference.Length == 0)
        {
            // Signed, but not an order of this merchant.
            return GatewayReading.Refused(IpnAnswer.OrderNotFound);
        }

        if (!long.TryParse(fields.GetValueOrDefault("vnp_Amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var hundredths)
            || !fields.TryGetValue("vnp_ResponseCode", out var response))
        {
            return GatewayReading.Refused(IpnAnswer.Unknown);
        }

        // A fraction of a dong is never one of our amounts: it is compared as -1 and refused as a wrong amount.
        var amount = hundredths % 100 == 0 ? hundredths / 100 : -1;
        var status = fields.GetValueOrDefault("vnp_TransactionStatus") ?? response;
        var outcome = response == "00" && status == "00" ? GatewayOutcome.Paid : GatewayOutcome.Failed;
        return GatewayReading.Valid(new GatewayMessage(reference, amount, outcome, fields.GetValueOrDefault("vnp_TransactionNo") ?? string.Empty));
    }

    /// <summary>The signed string: every vnp_ field but the hash, sorted by name, name=value URL-encoded (space as '+'), joined by '&amp;'.</summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields
            .Where(f => f.Key.StartsWith("vnp_", StringComparison.Ordinal) && f.Key is not (HashField or HashTypeField) && !string.IsNullOrEmpty(f.Value))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => WebUtility.UrlEncode(f.Key) + "=" + WebUtility.UrlEncode(f.Value)));

    /// <summary>HMAC-SHA512 of the canonical string with the merchant's secret, lower-case hex.</summary>
    public static string Hash(string secret, string canonical) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(canonical)));

    public static bool IsSigned(string secret, IEnumerable<KeyValuePair<string, string>> fields, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash.ToLowerInvariant()), Encoding.ASCII.GetBytes(Hash(secret, Canonical(fields))));

    private string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, _zone).ToString(DateFormat, CultureInfo.InvariantCulture);

    private static string AsciiOrderInfo(string text)
    {
        var decomposed = VietnameseText.Normalize(text).Replace('Đ', 'D').Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var ascii = new string([.. decomposed.Where(c => c is >= ' ' and <= '~')]);
        return ascii.Length > 255 ? ascii[..255] : ascii;
    }
}
