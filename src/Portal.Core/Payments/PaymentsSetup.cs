using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Payments;

public static class PaymentsSetup
{
    /// <summary>
    /// The gateway of <see cref="OnlinePayment.Choose"/>: the sandbox only in Development or with <c>Payments:Mode</c> =
    /// <c>Test</c>; the signed-redirect adapter when configured (its settings checked here, so a missing one stops the start).
    /// </summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        var options = configuration.GetSection(PaymentsOptions.Section).Get<PaymentsOptions>() ?? new PaymentsOptions();
        var kind = OnlinePayment.Choose(options, isDevelopment);
        services.Configure<PaymentsOptions>(configuration.GetSection(PaymentsOptions.Section));
        services.Configure<SandboxGatewayOptions>(configuration.GetSection(SandboxGatewayOptions.Section));
        services.Configure<SignedRedirectOptions>(configuration.GetSection(SignedRedirectOptions.Section));
        switch (kind)
        {
            case GatewayKind.Sandbox:
                services.AddSingleton<SandboxPaymentGateway>();
                services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxPaymentGateway>());
                break;
            case GatewayKind.SignedRedirect:
                var signed = configuration.GetSection(SignedRedirectOptions.Section).Get<SignedRedirectOptions>() ?? new SignedRedirectOptions();
                var problems = signed.Problems(requireHttps: options.Mode == PaymentMode.Live && !isDevelopment);
                if (problems.Count > 0)
                {
                    throw new InvalidOperationException("Payments:Gateway = SignedRedirect: " + string.Join(" ", problems));
                }

                services.AddSingleton<IPaymentGateway, SignedRedirectGateway>();
                break;
        }

        services.AddSingleton(sp => new OnlinePayment(sp.GetService<IPaymentGateway>(), options.Mode == PaymentMode.Test));
        services.AddScoped<StartPaymentHandler>();
        services.AddScoped<ConfirmPaymentHandler>();
        services.AddScoped<ReceiptNumbers>();
        return services;
    }
}
