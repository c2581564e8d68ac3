using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Portal.Core.Links;

namespace Portal.Core.Payments;

/// <summary>Section "Payments:Sandbox".</summary>
public sealed class SandboxGatewayOptions
{
    public const string Section = "Payments:Sandbox";

    /// <summary>The shared HMAC key; when empty a random key is made at start (one node, a demo).</summary>
    public string? Secret { get; set; }
}

/// <summary>
/// A stand-in gateway that runs inside the portal with its own pages (<c>/cong-thanh-toan-thu</c>), registered only in
/// Development or test mode (<see cref="PaymentsSetup"/>): it checks the signed request, lets the tester pay or fail,
/// and sends a signed notification to the portal's IPN address, as a real gateway does. HMAC-SHA256 over the fields
/// in key order. Its notification and return addresses are built from the configured public address
/// (<c>Portal:PublicBaseUrl</c>), never from a request's Host header.
/// </summary>
public sealed class SandboxPaymentGateway : IPaymentGateway
{
    public const string GatewayName = "sandbox";
    public const string PagePath = "/cong-thanh-toan-thu";
    private readonly byte[] _key;
    private readonly ConcurrentDictionary<string, SandboxLedgerEntry> _ledger = new(StringComparer.Ordinal);

    private readonly string _publicBaseUrl;

    public SandboxPaymentGateway(IOptions<SandboxGatewayOptions> options, PublicUrls urls)
    {
        var secret = options.Value.Secret;
        _key = string.IsNullOrEmpty(secret) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(secret);
        _publicBaseUrl = urls.BaseUrl;
    }

    public string Name => GatewayName;

    /// <summary>The portal's IPN address with a signed notification, where the sandbox sends it server to server.</summary>
    public string NotifyUrl(IReadOnlyDictionary<string, string> notification) => _publicBaseUrl + SignedRedirectOptions.NotifyPath + "?" + Query(notification);

    /// <summary>The portal's return address with the same signed fields, where the sandbox sends the browser.</summary>
    public string ReturnUrl(IReadOnlyDictionary<string, string> notification) => _publicBaseUrl + SignedRedirectOptions.ReturnPath + "?" + Query(notification);

    public string PaymentUrl(PaymentRequest request)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["amount"] = request.Payment.AmountVnd.ToString(CultureInfo.InvariantCulture),
            ["order"] = request.OrderInfo,
            ["payee"] = request.Payment.PayeeName,
            ["ref"] = request.Payment.Reference,
        };
        fields["sig"] = Sign(fields);
        return PagePath + "?" + Query(fields);
    }

    private static string Query(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));

    /// <summary>The signature of the given fields (every field but "sig").</summary>
    public string Sign(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var canonical = string.Join('&', fields.Where(f => f.Key != "sig").OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        return Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }

    public bool IsSigned(IReadOnlyDictionary<string, string> fields) =>
        fields.TryGetValue("sig", out var sig)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sig), Encoding.ASCII.GetBytes(Sign(fields)));

    public GatewayReading Read(IReadOnlyDictionary<string, string> fields)
    {
        if (!IsSigned(fields))
        {
            return GatewayReading.Refused(IpnAnswer.InvalidSignature);
        }

        if (!fields.TryGetValue("ref", out var reference)
            || !fields.TryGetValue("amount", out var amountText) || !long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || !fields.TryGetValue("code", out var code)
            || !fields.TryGetValue("txn", out var txn))
        {
            return GatewayReading.Refused(IpnAnswer.Unknown);
        }

        return GatewayReading.Valid(new GatewayMessage(reference, amount, code == "00" ? GatewayOutcome.Paid : GatewayOutcome.Failed, txn));
    }

    /// <summary>The tester paid or refused on the gateway's page: the gateway's ledger records it (a second click keeps the first outcome) and the signed notification is built.</summary>
    public IReadOnlyDictionary<string, string> Complete(string reference, long amountVnd, bool paid)
    {
        var entry = _ledger.GetOrAdd(reference, r => new SandboxLedgerEntry(amountVnd, paid, "SBX" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture)));
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["amount"] = entry.AmountVnd.ToString(CultureInfo.InvariantCulture),
            ["code"] = entry.Paid ? "00" : "24",
            ["ref"] = reference,
            ["txn"] = entry.TransactionId,
        };
        fields["sig"] = Sign(fields);
        return fields;
    }

    private sealed record SandboxLedgerEntry(long AmountVnd, bool Paid, string TransactionId);
}
