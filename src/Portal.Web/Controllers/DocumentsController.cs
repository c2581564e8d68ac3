using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Processing;

namespace Portal.Web.Controllers;

/// <summary>
/// Serves a dossier's stored file to the people allowed to see that dossier (see <see cref="DossierAccess"/>, liên
/// thông agencies included); anyone else, and anything quarantined, gets 404. Files are sent as attachments with
/// their sniffed type, and every download is written to the audit trail.
/// </summary>
[Authorize]
[Route("tai-lieu")]
public sealed class DocumentsController(PortalDb db, IDocumentStore store, AuditTrail audit, ILogger<DocumentsController> log) : Controller
{
    [HttpGet("{id:long}")]
    public async Task<IActionResult> Download(long id, CancellationToken ct)
    {
        var document = await db.DossierDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null || document.Quarantined)
        {
            return NotFound();
        }

        var owner = await db.Dossiers.AsNoTracking().Where(d => d.Id == document.DossierId)
            .Select(d => new { d.AgencyId, d.ApplicantUserId, d.Status }).SingleAsync(ct);
        // A draft has not been filed: like its pages, its files exist for the applicant alone.
        var visible = owner.Status == DossierStatus.Draft
            ? owner.ApplicantUserId is { } applicant && User.UserId() == applicant && User.IsInRole(Roles.Citizen)
            : DossierAccess.CanView(User, owner.AgencyId, owner.ApplicantUserId, await DossierGate.HandOffAgenciesAsync(db, document.DossierId, ct));
        if (!visible)
        {
            return NotFound();
        }

        Stream stream;
        try
        {
            stream = await store.OpenAsync(document.StorageKey, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            log.LogError("Document {Id} of dossier {Dossier} is missing from the store ({Key})", id, document.DossierId, document.StorageKey);
            return NotFound();
        }

        await audit.RecordAsync(AuditTrail.ActorOf(User, HttpContext.Connection.RemoteIpAddress?.ToString()), AuditActions.DownloadDocument,
            document.DossierId, document.FileName, document.Id, ct);
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(stream, document.ContentType, document.FileName);
    }
}
