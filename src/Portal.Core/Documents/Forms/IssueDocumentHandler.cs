using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Core.Processing;

namespace Portal.Core.Documents.Forms;

/// <summary>
/// Renders a document the system issues (outbox kind RenderDocument; the row's type names the form), stores it
/// under its own key, files it on the dossier once, and hands it to the applicant by the messages its form asks for.
/// A retry after a crash finds the filed document and only adds the messages, which are saved with the row's
/// completion: every document and every message exists once.
/// </summary>
public sealed class IssueDocumentHandler(IEnumerable<IIssuedDocumentRenderer> renderers, IDocumentStore store, CalendarProvider calendars,
    IOptions<ProcessingOptions> processing, IOptions<OutboxOptions> outbox, TimeProvider time) : IOutboxHandler
{
    public OutboxKind Kind => OutboxKind.RenderDocument;

    public async Task HandleAsync(OutboxMessage message, PortalDb db, CancellationToken ct)
    {
        var renderer = renderers.SingleOrDefault(r => r.Form == message.Type)
            ?? throw new InvalidOperationException($"No renderer for document '{message.Type}'.");
        var payload = IssuedForms.Parse(message.Payload);
        var dossier = await db.Dossiers
            .Include(d => d.SupplementRequests)
            .Include(d => d.History)
            .AsSplitQuery()
            .SingleAsync(d => d.Id == message.DossierId, ct);
        var key = renderer.StorageKey(dossier, payload);
        var context = await FormContext.LoadAsync(db, dossier, await calendars.GetAsync(ct), processing.Value.Place, outbox.Value.PublicBaseUrl, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var document = await db.DossierDocuments.SingleOrDefaultAsync(d => d.DossierId == dossier.Id && d.StorageKey == key, ct);
        if (document is null)
        {
            var pdf = renderer.Render(context, payload);
            await store.SaveAsAsync(key, pdf.Content, ct);
            document = new DossierDocument(renderer.Kind, null, pdf.Title, pdf.FileName, "application/pdf", pdf.Content.Length,
                Convert.ToHexString(SHA256.HashData(pdf.Content)).ToLowerInvariant(), key, now, null);
            dossier.AttachIssuedDocument(document);

            // Saved now for its id (the mail attaches it by id); the messages below are saved with the row's completion.
            await db.SaveChangesAsync(ct);
        }

        foreach (var follow in renderer.Deliver(context, document, now))
        {
            db.Outbox.Add(follow);
        }
    }
}
