namespace Portal.Core.Payments;

/// <summary>What the gateway says about a payment, from its server (never from the browser).</summary>
public enum GatewayOutcome
{
    Unknown,
    Pending,
    Paid,
    Failed,
}

/// <summary>A verified server-to-server notification (IPN) from the gateway.</summary>
public sealed record GatewayNotification(string Reference, long AmountVnd, GatewayOutcome Outcome, string TransactionId);

public sealed record GatewayStatus(GatewayOutcome Outcome, long AmountVnd, string? TransactionId);

/// <summary>
/// A payment gateway (a national payment platform, a bank, an e-wallet). The portal redirects the citizen to it,
/// and learns the outcome only from the gateway's signed callback or by asking the gateway's server.
/// </summary>
public interface IPaymentGateway
{
    string Name { get; }

    /// <summary>Where to send the citizen's browser to pay (a signed request).</summary>
    string PaymentUrl(PaymentTransaction payment, string orderInfo, string returnUrl);

    /// <summary>The callback's fields if their signature is the gateway's, else null.</summary>
    GatewayNotification? VerifyNotification(IReadOnlyDictionary<string, string> fields);

    /// <summary>Asks the gateway's server about a payment (used when the callback has not arrived yet).</summary>
    Task<GatewayStatus> QueryAsync(string reference, CancellationToken ct);
}
