namespace Portal.Core.Payments;

public enum PaymentMode
{
    /// <summary>Real money: only a real gateway is registered, and none unless one is configured.</summary>
    Live,

    /// <summary>A test installation: the sandbox may run, and every page says so.</summary>
    Test,
}

public enum GatewayKind
{
    /// <summary>Not configured: the sandbox in Development or test mode, else no online payment.</summary>
    None,
    Sandbox,

    /// <summary>The signed-redirect + IPN protocol of VNPAY and the gateways built like it (<see cref="SignedRedirectGateway"/>).</summary>
    SignedRedirect,
}

/// <summary>Section "Payments".</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    public PaymentMode Mode { get; set; } = PaymentMode.Live;

    public GatewayKind Gateway { get; set; } = GatewayKind.None;

    /// <summary>
    /// The series (ký hiệu) printed on fee receipts, "{yy}" standing for the year's last two digits; the number after it
    /// runs from 0000001 each year per collecting agency. (config): the province registers its own series with the tax
    /// authority.
    /// </summary>
    public string ReceiptSeries { get; set; } = "BL{yy}E";

    /// <summary>
    /// Whether a fee paid online for a dossier withdrawn after its reception is refunded as well. By default only a
    /// dossier withdrawn before the desk received it is refunded (the agency did not take up the matter); the law leaves
    /// the rest to the agency, so a province that refunds every withdrawal before a decision sets this. (config)
    /// </summary>
    public bool RefundAfterReception { get; set; }
}

/// <summary>
/// Which gateway this installation pays through, decided once at start: the page asks <see cref="IsOffered"/> to draw
/// the pay button (else "pay at the desk"), the layout asks <see cref="IsTest"/> to draw the TEST banner.
/// </summary>
public sealed class OnlinePayment(IPaymentGateway? gateway, bool isTest)
{
    public IPaymentGateway? Gateway { get; } = gateway;

    public bool IsOffered => Gateway is not null;

    /// <summary>Test mode or the sandbox: no real money moves.</summary>
    public bool IsTest { get; } = isTest || gateway is SandboxPaymentGateway;

    public IPaymentGateway Require() => Gateway ?? throw new DomainException(
        "Cổng Dịch vụ công chưa kết nối cổng thanh toán trực tuyến. Vui lòng nộp phí, lệ phí tại bộ phận một cửa khi nhận kết quả.",
        "This portal is not connected to an online payment gateway. Please pay the fee at the service desk.");

    /// <summary>The gateway named by <c>Payments:Gateway</c>, or the default for the environment; a setting that cannot be honoured stops the start.</summary>
    public static GatewayKind Choose(PaymentsOptions options, bool isDevelopment)
    {
        var testAllowed = isDevelopment || options.Mode == PaymentMode.Test;
        return options.Gateway switch
        {
            GatewayKind.Sandbox when !testAllowed => throw new InvalidOperationException(
                "Payments:Gateway = Sandbox is refused outside Development: the sandbox records fees as paid without moving money. "
                + "Configure a real gateway (Payments:Gateway = SignedRedirect), or set Payments:Mode = Test on a test installation."),
            GatewayKind.None => testAllowed ? GatewayKind.Sandbox : GatewayKind.None,
            var named => named,
        };
    }
}
