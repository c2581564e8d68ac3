using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Data;
using Portal.Core.Documents;

namespace Portal.Core.Notifications;

/// <summary>Section "Mail": SMTP when <see cref="SmtpHost"/> is set, else .eml files in the pickup folder.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "Cổng Dịch vụ công <khong-tra-loi@dichvucong.local>";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public bool SmtpStartTls { get; set; } = true;

    /// <summary>Relative to the data directory unless absolute.</summary>
    public string PickupFolder { get; set; } = "mail";
}

/// <summary>What an Email outbox row carries. Attachments are stored documents of the dossier.</summary>
public sealed record EmailPayload(string To, string Subject, string Text, IReadOnlyList<long>? AttachmentDocumentIds = null)
{
    public string Serialize() => JsonSerializer.Serialize(this, StatusChangedPayload.Json);

    public static EmailPayload Parse(string json) =>
        JsonSerializer.Deserialize<EmailPayload>(json, StatusChangedPayload.Json) ?? throw new InvalidOperationException("Empty email payload.");
}

public interface IMailSender
{
    /// <summary>Sends once per <paramref name="key"/>: a second call with the same key does not deliver again where the transport allows.</summary>
    Task SendAsync(MimeMessage message, string key, CancellationToken ct);
}

/// <summary>Development and tests: one .eml file per message, named by its key, written atomically and never twice.</summary>
public sealed class PickupFolderMailSender(string folder) : IMailSender
{
    public string Folder { get; } = folder;

    public async Task SendAsync(MimeMessage message, string key, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, key + ".eml");
        if (File.Exists(path))
        {
            return;
        }

        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        await using (var stream = File.Create(temp))
        {
            await message.WriteToAsync(stream, ct);
        }

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

/// <summary>Production: MailKit to the configured SMTP server. The Message-Id is the key, so receivers can drop a resend.</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(MimeMessage message, string key, CancellationToken ct)
    {
        var o = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(o.SmtpHost ?? throw new InvalidOperationException("Mail:SmtpHost is not set."), o.SmtpPort, o.SmtpStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(o.SmtpUser))
        {
            await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? string.Empty, ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>Sends an Email outbox row; the outbox id is the message's identity, so a retry never sends a second copy to the pickup folder.</summary>
public sealed class EmailHandler(IMailSender sender, IDocumentStore store, IOptions<MailOptions> options) : IOutboxHandler
{
    public OutboxKind Kind => OutboxKind.Email;

    public async Task HandleAsync(OutboxMessage message, PortalDb db, CancellationToken ct)
    {
        var payload = EmailPayload.Parse(message.Payload);
        var mime = new MimeMessage
        {
            Subject = payload.Subject,
            MessageId = $"outbox-{message.Id}@dichvucong",
        };
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        mime.To.Add(MailboxAddress.Parse(payload.To));
        var body = new BodyBuilder { TextBody = payload.Text };
        foreach (var documentId in payload.AttachmentDocumentIds ?? [])
        {
            var document = await db.DossierDocuments.AsNoTracking().SingleAsync(d => d.Id == documentId, ct);
            await using var content = await store.OpenAsync(document.StorageKey, ct);
            using var memory = new MemoryStream();
            await content.CopyToAsync(memory, ct);
            body.Attachments.Add(document.FileName, memory.ToArray(), ContentType.Parse(document.ContentType));
        }

        mime.Body = body.ToMessageBody();
        await sender.SendAsync(mime, $"outbox-{message.Id}", ct);
    }
}
