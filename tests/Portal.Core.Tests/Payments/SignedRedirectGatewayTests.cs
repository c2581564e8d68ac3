using Microsoft.Extensions.Time.Testing;
using Portal.Core.Calendar;
using Portal.Core.Payments;
using Portal.Testing;

namespace Portal.Core.Tests.Payments;

public sealed class SignedRedirectGatewayTests
{
    // 09:30 UTC is 16:30 in Viet Nam.
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static SignedRedirectOptions Options() => new()
    {
        PaymentUrl = "https://thanhtoan.example.vn/paymentv2/vpcpay.html",
        MerchantCode = FakeSignedRedirectGateway.MerchantCode,
        Secret = FakeSignedRedirectGateway.Secret,
        ReturnUrl = "https://dichvucong.example.vn/thanh-toan/ket-qua",
        NotifyUrl = "https://dichvucong.example.vn/thanh-toan/ipn",
    };

    private static SignedRedirectGateway Gateway(SignedRedirectOptions? options = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? Options()), Microsoft.Extensions.Options.Options.Create(new WorkingTimeOptions()), new FakeTimeProvider(Now));

    private static PaymentTransaction Transaction(long amount = 8000) =>
        new(1, "TT0123456789ABCDEF", SignedRedirectGateway.GatewayName, "Lệ phí", amount, Guid.NewGuid(), Now.UtcDateTime, 1, "Ủy ban nhân dân phường Hồng Bàng");

    private static (string Address, List<KeyValuePair<string, string>> Fields) Parse(string url)
    {
        var uri = new Uri(url);
        var fields = uri.Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2))
            .Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0].Replace('+', ' ')), Uri.UnescapeDataString(p[1].Replace('+', ' '))))
            .ToList();
        return (uri.GetLeftPart(UriPartial.Path), fields);
    }

    [Fact]
    public void The_payment_address_carries_the_order_sorted_by_name_in_the_gateways_units_and_Vietnam_time_signed_with_HMAC_SHA512()
    {
        var url = Gateway().PaymentUrl(new PaymentRequest(Transaction(), "Thanh toán phí, lệ phí hồ sơ H31-260302-0001", "203.113.1.2"));
        var (address, fields) = Parse(url);
        var values = fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

        Assert.Equal("https://thanhtoan.example.vn/paymentv2/vpcpay.html", address);
        var signed = fields.Select(f => f.Key).Where(k => k != "vnp_SecureHash").ToList();
        Assert.Equal(signed.Order(StringComparer.Ordinal), signed);
        Assert.Equal("vnp_SecureHash", fields[^1].Key);
        Assert.Equal("800000", values["vnp_Amount"]);
        Assert.Equal("TT0123456789ABCDEF", values["vnp_TxnRef"]);
        Assert.Equal(FakeSignedRedirectGateway.MerchantCode, values["vnp_TmnCode"]);
        Assert.Equal("20260302163000", values["vnp_CreateDate"]);
        Assert.Equal("20260302164500", values["vnp_ExpireDate"]);
        Assert.Equal("https://dichvucong.example.vn/thanh-toan/ket-qua", values["vnp_ReturnUrl"]);
        Assert.Equal("203.113.1.2", values["vnp_IpAddr"]);
        Assert.Equal(("2.1.0", "pay", "VND", "vn"), (values["vnp_Version"], values["vnp_Command"], values["vnp_CurrCode"], values["vnp_Locale"]));
        Assert.Equal("Thanh toan phi, le phi ho so H31-260302-0001", values["vnp_OrderInfo"]);
        // The signature, recomputed by the fake gateway's own implementation of the protocol.
        Assert.Equal(FakeSignedRedirectGateway.Sign(values), values["vnp_SecureHash"]);
    }

    [Fact]
    public void A_signed_notification_is_read_with_its_amount_in_dong_and_its_outcome()
    {
        var paid = Gateway().Read(FakeSignedRedirectGateway.Result("TT1", 8000, "00", "14226112"));
        var cancelled = Gateway().Read(FakeSignedRedirectGateway.Result("TT2", 8000, "24", "0"));

        Assert.Equal(new GatewayMessage("TT1", 8000, GatewayOutcome.Paid, "14226112"), paid.Message);
        Assert.Equal(GatewayOutcome.Failed, cancelled.Message!.Outcome);
    }

    [Fact]
    public void A_notification_with_a_wrong_hash_is_refused_as_an_invalid_signature()
    {
        var fields = FakeSignedRedirectGateway.Result("TT1", 8000, "00", "14226112");
        fields["vnp_Amount"] = "100";
        var unsigned = FakeSignedRedirectGateway.Result("TT1", 8000, "00", "14226112");
        unsigned.Remove("vnp_SecureHash");

        Assert.Equal(IpnAnswer.InvalidSignature, Gateway().Read(fields).Refusal);
        Assert.Equal(IpnAnswer.InvalidSignature, Gateway().Read(unsigned).Refusal);
    }

    [Fact]
    public void A_notification_signed_for_another_merchant_is_refused_as_no_order_of_ours()
    {
        var fields = FakeSignedRedirectGateway.Result("TT1", 8000, "00", "14226112", merchant: "KHAC0001");

        Assert.Equal(IpnAnswer.OrderNotFound, Gateway().Read(fields).Refusal);
    }

    [Fact]
    public void An_amount_with_a_fraction_of_a_dong_never_matches_an_order()
    {
        var fields = FakeSignedRedirectGateway.Result("TT1", 8000, "00", "14226112");
        fields["vnp_Amount"] = "800050";
        fields["vnp_SecureHash"] = FakeSignedRedirectGateway.Sign(fields);

        Assert.Equal(-1, Gateway().Read(fields).Message!.AmountVnd);
    }

    [Fact]
    public void Missing_or_insecure_settings_are_each_named()
    {
        var problems = new SignedRedirectOptions { PaymentUrl = "http://thanhtoan.example.vn/pay", ReturnUrl = "https://dichvucong.example.vn/khac", Secret = "ngan" }
            .Problems(requireHttps: true);

        Assert.Contains(problems, p => p.Contains("PaymentUrl must be an absolute https", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ReturnUrl must be the portal's /thanh-toan/ket-qua", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("NotifyUrl", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MerchantCode is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Secret is required", StringComparison.Ordinal));
        Assert.Empty(Options().Problems(requireHttps: true));
    }
}
