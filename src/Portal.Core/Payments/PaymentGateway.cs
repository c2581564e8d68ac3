namespace Portal.Core.Payments;

/// <summary>What the gateway says about a payment, from its server (never from the browser).</summary>
public enum GatewayOutcome
{
    Unknown,
    Pending,
    Paid,
    Failed,
}

/// <summary>A signed message of the gateway (its server-to-server notification, or the same fields on the return address).</summary>
public sealed record GatewayMessage(string Reference, long AmountVnd, GatewayOutcome Outcome, string TransactionId);

/// <summary>A gateway's message once its signature and merchant are checked: the message, or the answer that refuses it.</summary>
public sealed record GatewayReading(GatewayMessage? Message, IpnAnswer? Refusal)
{
    public static GatewayReading Valid(GatewayMessage message) => new(message, null);

    public static GatewayReading Refused(IpnAnswer answer) => new(null, answer);
}

/// <summary>Starting a payment: the pending transaction, what the citizen pays for, and the browser's address (sent to the gateway as VNPAY asks).</summary>
public sealed record PaymentRequest(PaymentTransaction Payment, string OrderInfo, string ClientAddress);

/// <summary>
/// The answer to a gateway's notification, in the JSON the Vietnamese gateways expect (VNPAY's IPN codes): the
/// gateway retries until it gets one of them, and stops on any.
/// </summary>
public sealed record IpnAnswer(string RspCode, string Message)
{
    public static readonly IpnAnswer Confirmed = new("00", "Confirm Success");
    public static readonly IpnAnswer OrderNotFound = new("01", "Order not found");
    public static readonly IpnAnswer AlreadyConfirmed = new("02", "Order already confirmed");
    public static readonly IpnAnswer InvalidAmount = new("04", "Invalid amount");
    public static readonly IpnAnswer InvalidSignature = new("97", "Invalid signature");
    public static readonly IpnAnswer Unknown = new("99", "Unknown error");

    public static IpnAnswer For(ConfirmOutcome outcome) => outcome switch
    {
        ConfirmOutcome.Paid or ConfirmOutcome.Failed => Confirmed,
        ConfirmOutcome.AlreadyDone => AlreadyConfirmed,
        ConfirmOutcome.NotFound => OrderNotFound,
        ConfirmOutcome.WrongAmount => InvalidAmount,
        _ => Unknown,
    };
}

/// <summary>
/// A payment gateway (a national payment platform, a bank, an e-wallet). The portal redirects the citizen to it,
/// and records a payment only from the gateway's signed server-to-server notification (IPN).
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Stored on each transaction: a notification is taken only by the gateway its transaction was started with.</summary>
    string Name { get; }

    /// <summary>Where to send the citizen's browser to pay: a signed request whose return and notify addresses come from configuration.</summary>
    string PaymentUrl(PaymentRequest request);

    /// <summary>Checks the signature (and merchant) of the fields of a notification or of a return to the portal.</summary>
    GatewayReading Read(IReadOnlyDictionary<string, string> fields);
}
