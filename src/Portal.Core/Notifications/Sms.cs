using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Core.Notifications;

public sealed record SmsPayload(string Phone, string Text)
{
    public string Serialize() => JsonSerializer.Serialize(this, StatusChangedPayload.Json);

    public static SmsPayload Parse(string json) =>
        JsonSerializer.Deserialize<SmsPayload>(json, StatusChangedPayload.Json) ?? throw new InvalidOperationException("Empty SMS payload.");
}

/// <summary>An SMS gateway. The default logs the message and keeps a copy in the data folder; a provider's gateway replaces it.</summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, string key, CancellationToken ct);
}

public sealed class LoggingSmsSender(string folder, ILogger<LoggingSmsSender> log) : ISmsSender
{
    public string Folder { get; } = folder;

    public async Task SendAsync(string phone, string text, string key, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, key + ".txt");
        if (File.Exists(path))
        {
            return;
        }

        log.LogInformation("SMS to {Phone}: {Text}", phone, text);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(temp, $"To: {phone}\n\n{text}\n", ct);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
    }
}

public sealed class SmsHandler(ISmsSender sender) : IOutboxHandler
{
    public OutboxKind Kind => OutboxKind.Sms;

    public Task HandleAsync(OutboxMessage message, PortalDb db, CancellationToken ct)
    {
        var payload = SmsPayload.Parse(message.Payload);
        return sender.SendAsync(payload.Phone, payload.Text, $"outbox-{message.Id}", ct);
    }
}
