using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Portal.Core.Payments;

/// <summary>Section "Payments:Sandbox".</summary>
public sealed class SandboxGatewayOptions
{
    public const string Section = "Payments:Sandbox";

    /// <summary>The shared HMAC key; when empty a random key is made at start (one node, a demo).</summary>
    public string? Secret { get; set; }
}

/// <summary>
/// A stand-in gateway that runs inside the portal with its own pages (<c>/cong-thanh-toan-thu</c>): it checks the
/// signed request, lets the tester pay or fail, keeps its own ledger, sends a signed callback to the portal and
/// answers server-side queries, as a real gateway does. HMAC-SHA256 over the fields in key order.
/// </summary>
public sealed class SandboxPaymentGateway : IPaymentGateway
{
    public const string GatewayName = "sandbox";
    public const string PagePath = "/cong-thanh-toan-thu";
    private readonly byte[] _key;
    private readonly ConcurrentDictionary<string, SandboxLedgerEntry> _ledger = new(StringComparer.Ordinal);

    public SandboxPaymentGateway(IOptions<SandboxGatewayOptions> options)
    {
        var secret = options.Value.Secret;
        _key = string.IsNullOrEmpty(secret) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(secret);
    }

    public string Name => GatewayName;

    public string PaymentUrl(PaymentTransaction payment, string orderInfo, string returnUrl)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["amount"] = payment.AmountVnd.ToString(CultureInfo.InvariantCulture),
            ["order"] = orderInfo,
            ["ref"] = payment.Reference,
            ["return"] = returnUrl,
        };
        fields["sig"] = Sign(fields);
        return PagePath + "?" + string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
    }

    /// <summary>The signature of the given fields (every field but "sig").</summary>
    public string Sign(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var canonical = string.Join('&', fields.Where(f => f.Key != "sig").OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        return Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }

    public bool IsSigned(IReadOnlyDictionary<string, string> fields) =>
        fields.TryGetValue("sig", out var sig)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sig), Encoding.ASCII.GetBytes(Sign(fields)));

    public GatewayNotification? VerifyNotification(IReadOnlyDictionary<string, string> fields)
    {
        if (!IsSigned(fields)
            || !fields.TryGetValue("ref", out var reference)
            || !fields.TryGetValue("amount", out var amountText) || !long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || !fields.TryGetValue("code", out var code)
            || !fields.TryGetValue("txn", out var txn))
        {
            return null;
        }

        return new GatewayNotification(reference, amount, code == "00" ? GatewayOutcome.Paid : GatewayOutcome.Failed, txn);
    }

    public Task<GatewayStatus> QueryAsync(string reference, CancellationToken ct) =>
        Task.FromResult(_ledger.TryGetValue(reference, out var entry)
            ? new GatewayStatus(entry.Paid ? GatewayOutcome.Paid : GatewayOutcome.Failed, entry.AmountVnd, entry.TransactionId)
            : new GatewayStatus(GatewayOutcome.Unknown, 0, null));

    /// <summary>The tester paid or refused on the gateway's page: the gateway's ledger records it and the signed callback is built.</summary>
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
