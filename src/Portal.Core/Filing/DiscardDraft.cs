using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;

namespace Portal.Core.Filing;

/// <summary>
/// The applicant deletes a draft they will not file, with its files: what the nightly clean-up does after
/// <see cref="FilingOptions.DraftRetentionDays"/>, on request, and the way to make room under <see cref="DraftQuota"/>.
/// A filed dossier is never deleted (it may be withdrawn).
/// </summary>
public sealed class DiscardDraftHandler(PortalDb db, IDocumentStore store, ILogger<DiscardDraftHandler> log)
{
    public static bool IsAvailable(Dossier dossier) => dossier.Status == DossierStatus.Draft;

    public async Task HandleAsync(Dossier dossier, CancellationToken ct)
    {
        DomainException.Ensure(IsAvailable(dossier), "Hồ sơ đã nộp nên không xóa được; bạn có thể rút hồ sơ.",
            "The dossier is filed and cannot be deleted; you may withdraw it instead.");
        var keys = dossier.Documents.Select(d => d.StorageKey).ToList();
        db.Dossiers.Remove(dossier);
        await db.SaveChangesAsync(ct);
        await store.DeleteUnreferencedAsync(keys, log, "a discarded draft", ct);
    }
}
