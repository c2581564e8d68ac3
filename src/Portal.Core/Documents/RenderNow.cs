using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;

namespace Portal.Core.Documents;

/// <summary>
/// Renders a dossier's issued document in the caller's request instead of waiting for a worker (the walk-in's receipt,
/// printed while the applicant waits; by workers it took two hops of the queue, 7–18 s). It runs the dossier's waiting
/// status changes and then the document's own outbox row through <see cref="DispatchOutboxJob"/>, each in a scope of its own: the same claim, so on several nodes the request and a worker never both render it, and the job that
/// comes later finds the row done and does nothing. A failure is left to the row's retries.
/// </summary>
public sealed class RenderNow(PortalDb db, IServiceScopeFactory scopes)
{
    /// <summary>The stored document, rendering it first if its row still waits; null while a worker holds the row or none asks for it.</summary>
    public async Task<DossierDocument?> TryAsync(long dossierId, string type, CancellationToken ct)
    {
        var key = RenderDocumentHandler.StorageKey(dossierId, type);
        if (await FindAsync(dossierId, key, ct) is { } done)
        {
            return done;
        }

        // The render row is added by the status change's reactions (ReceiptReaction): the dossier's waiting changes go first.
        await RunAsync(Waiting(dossierId).Where(m => m.Kind == OutboxKind.DossierStatusChanged), ct);
        var rendered = await RunAsync(Waiting(dossierId).Where(m => m.Kind == OutboxKind.RenderDocument && m.Type == type), ct);
        return rendered == 0 ? null : await FindAsync(dossierId, key, ct);
    }

    /// <summary>True while a row may still bring this document (a worker has it, or will retry it).</summary>
    public Task<bool> PendingAsync(long dossierId, string type, CancellationToken ct) =>
        Waiting(dossierId).AnyAsync(m => m.Kind == OutboxKind.DossierStatusChanged || (m.Kind == OutboxKind.RenderDocument && m.Type == type), ct);

    private IQueryable<OutboxMessage> Waiting(long dossierId) =>
        db.Outbox.AsNoTracking().Where(m => m.DossierId == dossierId && m.ProcessedAt == null && m.DeadAt == null);

    private async Task<int> RunAsync(IQueryable<OutboxMessage> rows, CancellationToken ct)
    {
        var ids = await rows.OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DispatchOutboxJob>().RunAsync(id, ct);
        }

        return ids.Count;
    }

    private Task<DossierDocument?> FindAsync(long dossierId, string key, CancellationToken ct) =>
        db.DossierDocuments.AsNoTracking().Where(d => d.DossierId == dossierId && d.StorageKey == key).FirstOrDefaultAsync(ct);
}
