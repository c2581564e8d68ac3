using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;

namespace Portal.Core.Documents;

/// <summary>A PDF the system issues for a dossier, and the mail that carries it to the applicant (if any).</summary>
public sealed record IssuedDocument(string Title, string FileName, byte[] Pdf, string? MailSubject = null, string? MailText = null)
{
    /// <summary>A text message to the applicant's phone beside the mail (the apology's new date), sent once.</summary>
    public string? SmsText { get; init; }

    /// <summary>Issued, or Result for the electronic result the portal generates from a decision.</summary>
    public DocumentKind Kind { get; init; } = DocumentKind.Issued;
}

/// <summary>
/// Renders one kind of issued document (the <see cref="OutboxMessage.Type"/> of a RenderDocument row, e.g. "mau-01").
/// Several features register their own; <see cref="RenderDocumentHandler"/> picks the one named by the row.
/// </summary>
public interface IIssuedDocumentRenderer
{
    string Type { get; }

    Task<IssuedDocument> RenderAsync(Dossier dossier, OutboxMessage message, PortalDb db, CancellationToken ct);

    /// <summary>Where the file is kept: one per dossier and type, unless a form is issued several times (Mẫu 02 per request).</summary>
    string StorageKey(long dossierId, OutboxMessage message) => RenderDocumentHandler.StorageKey(dossierId, Type);
}

/// <summary>
/// Carries out RenderDocument outbox rows: renders the PDF, stores it under a key fixed by dossier and kind (a retry
/// overwrites the same file), records it once on the dossier, and queues the mail with the PDF attached once.
/// </summary>
public sealed class RenderDocumentHandler(IEnumerable<IIssuedDocumentRenderer> renderers, IDocumentStore store, TimeProvider time) : IOutboxHandler
{
    public OutboxKind Kind => OutboxKind.RenderDocument;

    public static string StorageKey(long dossierId, string type) => $"issued/{dossierId}/{type}.pdf";

    public static OutboxMessage Request(Dossier dossier, string type, DateTime at) =>
        OutboxMessage.ForDossier(dossier, OutboxKind.RenderDocument, type, "{}", at);

    public async Task HandleAsync(OutboxMessage message, PortalDb db, CancellationToken ct)
    {
        var renderer = renderers.FirstOrDefault(r => r.Type == message.Type)
            ?? throw new InvalidOperationException($"No renderer for document type {message.Type}.");
        var dossierId = message.DossierId ?? throw new InvalidOperationException("A rendered document needs a dossier.");
        var key = renderer.StorageKey(dossierId, message);
        var mailType = "mail-" + Path.GetFileNameWithoutExtension(key);
        var smsType = "sms-" + Path.GetFileNameWithoutExtension(key);
        var existing = await db.DossierDocuments.AsNoTracking().Where(d => d.DossierId == dossierId && d.StorageKey == key).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
        var dossier = await db.Dossiers.SingleAsync(d => d.Id == dossierId, ct);
        IssuedDocument? issued = null;
        if (existing is null)
        {
            issued = await renderer.RenderAsync(dossier, message, db, ct);
            var pdf = issued.Pdf;
            var document = new DossierDocument(issued.Kind, null, issued.Title, issued.FileName, "application/pdf", pdf.Length,
                Convert.ToHexString(SHA256.HashData(pdf)).ToLowerInvariant(), key, time.GetUtcNow().UtcDateTime, null);
            dossier.AttachIssuedDocument(document);
            // Saved now to get its id for the mail; a crash before the message is marked done re-runs this handler,
            // which then finds the document and only adds the mail if it is still missing. The file is written inside
            // the claim's transaction: a worker that outlived its claim can neither overwrite the file another worker
            // recorded (its hash would no longer match) nor record the document twice.
            await OutboxClaim.SaveAsync(db, message, c => store.SaveAsAsync(key, pdf, c), ct);
            existing = document.Id;
        }

        var email = dossier.Applicant.Email;
        var phone = dossier.Applicant.Phone;
        var needsMail = !string.IsNullOrWhiteSpace(email) && !await db.Outbox.AnyAsync(m => m.DossierId == dossierId && m.Type == mailType, ct);
        var needsSms = !string.IsNullOrWhiteSpace(phone) && !await db.Outbox.AnyAsync(m => m.DossierId == dossierId && m.Type == smsType, ct);
        if (!needsMail && !needsSms)
        {
            return;
        }

        issued ??= await renderer.RenderAsync(dossier, message, db, ct);
        if (needsMail && issued.MailSubject is not null)
        {
            db.Outbox.Add(OutboxMessage.ForDossier(dossier, OutboxKind.Email, mailType,
                new EmailPayload(email!, issued.MailSubject, issued.MailText ?? issued.Title, [existing.Value]).Serialize(), time.GetUtcNow().UtcDateTime));
        }

        if (needsSms && issued.SmsText is not null)
        {
            db.Outbox.Add(OutboxMessage.ForDossier(dossier, OutboxKind.Sms, smsType, new SmsPayload(phone!, issued.SmsText).Serialize(), time.GetUtcNow().UtcDateTime));
        }
    }
}
