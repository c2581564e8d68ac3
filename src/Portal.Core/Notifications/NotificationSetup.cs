using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Documents;

namespace Portal.Core.Notifications;

public static class NotificationSetup
{
    /// <summary>The outbox, its dispatcher and handlers, mail (SMTP or pickup folder), SMS, and the document store.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<IOutboxSignal, HangfireOutboxSignal>();
        services.AddScoped<DispatchOutboxJob>();
        services.AddScoped<Portal.Core.Documents.RenderNow>();
        services.AddScoped<SweepOutboxJob>();
        services.AddScoped<PurgeOutboxJob>();
        services.AddScoped<IOutboxHandler, DossierStatusChangedHandler>();
        services.AddScoped<IOutboxHandler, EmailHandler>();
        services.AddScoped<IOutboxHandler, SmsHandler>();
        services.AddScoped<IDossierStatusReaction, StatusNotificationReaction>();

        services.AddSingleton<IMailSender>(sp =>
        {
            var mail = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            return string.IsNullOrWhiteSpace(mail.SmtpHost)
                ? new PickupFolderMailSender(Path.Combine(dataDirectory, mail.PickupFolder))
                : new SmtpMailSender(sp.GetRequiredService<IOptions<MailOptions>>());
        });
        services.AddSingleton<ISmsSender>(sp => new LoggingSmsSender(Path.Combine(dataDirectory, "sms"), sp.GetRequiredService<ILogger<LoggingSmsSender>>()));
        services.AddSingleton<IDocumentStore>(_ => new FileSystemDocumentStore(Path.Combine(dataDirectory, "documents")));
        services.AddSingleton<IDocumentScanner, NoScanner>();
        return services;
    }
}
