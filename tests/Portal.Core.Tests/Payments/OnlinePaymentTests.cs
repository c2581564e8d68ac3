using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Payments;

namespace Portal.Core.Tests.Payments;

public sealed class OnlinePaymentTests
{
    private static ServiceProvider Services(bool isDevelopment, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new Portal.Core.Links.PublicUrls("https://dichvucong.haiphong.example.vn"));
        services.AddPayments(configuration, isDevelopment);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Without_a_configured_gateway_Production_offers_no_online_payment_and_shows_no_test_banner()
    {
        using var sp = Services(isDevelopment: false);
        var online = sp.GetRequiredService<OnlinePayment>();

        Assert.False(online.IsOffered);
        Assert.False(online.IsTest);
        Assert.Null(sp.GetService<SandboxPaymentGateway>());
        var refused = Assert.Throws<DomainException>(() => online.Require());
        Assert.Contains("bộ phận một cửa", refused.Vietnamese, StringComparison.Ordinal);
        Assert.Contains("service desk", refused.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_and_test_mode_get_the_sandbox_and_say_so()
    {
        using var development = Services(isDevelopment: true);
        using var test = Services(isDevelopment: false, ("Payments:Mode", "Test"));

        Assert.All([development, test], sp =>
        {
            var online = sp.GetRequiredService<OnlinePayment>();
            Assert.IsType<SandboxPaymentGateway>(online.Gateway);
            Assert.True(online.IsTest);
        });
    }

    [Fact]
    public void Naming_the_sandbox_outside_Development_and_test_mode_stops_the_start()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Services(isDevelopment: false, ("Payments:Gateway", "Sandbox")));

        Assert.Contains("Payments:Gateway = Sandbox is refused outside Development", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signed_redirect_gateway_is_used_when_configured_and_a_missing_setting_stops_the_start()
    {
        var options = SignedRedirectGatewayTests.Options();
        using var sp = Services(isDevelopment: false, ("Payments:Gateway", "SignedRedirect"),
            ("Payments:SignedRedirect:PaymentUrl", options.PaymentUrl!), ("Payments:SignedRedirect:MerchantCode", options.MerchantCode!),
            ("Payments:SignedRedirect:Secret", options.Secret!), ("Payments:SignedRedirect:ReturnUrl", options.ReturnUrl!),
            ("Payments:SignedRedirect:NotifyUrl", options.NotifyUrl!));
        var online = sp.GetRequiredService<OnlinePayment>();
        Assert.IsType<SignedRedirectGateway>(online.Gateway);
        Assert.False(online.IsTest);

        var refused = Assert.Throws<InvalidOperationException>(() => Services(isDevelopment: false, ("Payments:Gateway", "SignedRedirect"),
            ("Payments:SignedRedirect:PaymentUrl", options.PaymentUrl!)));
        Assert.Contains("Payments:SignedRedirect:Secret is required", refused.Message, StringComparison.Ordinal);
    }
}
