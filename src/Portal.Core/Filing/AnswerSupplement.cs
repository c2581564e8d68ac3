using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Filing;

/// <summary>
/// The applicant answers a supplement request (status 5) with the files asked for: back to the reception queue
/// when asked at reception, back to processing otherwise, the clock resumed by the aggregate. The applicant may
/// write to the desk beside the files (what they changed, why a paper cannot be had).
/// </summary>
public sealed class AnswerSupplementHandler(PortalDb db, CalendarProvider calendars, TimeProvider time)
{
    public async Task HandleAsync(Dossier dossier, Actor applicant, string? reply, CancellationToken ct)
    {
        var open = dossier.OpenSupplementRequest;
        DomainException.Ensure(dossier.Status == DossierStatus.AwaitingSupplement && open is not null,
            "Hồ sơ không ở trạng thái chờ bổ sung.", "No supplement is requested for this dossier.");
        DomainException.Ensure(dossier.Documents.Any(d => d.Kind == DocumentKind.Supplement && d.UploadedAt >= open!.RequestedAt),
            "Vui lòng tải lên ít nhất một giấy tờ được yêu cầu bổ sung trước khi nộp.",
            "Please upload at least one of the requested documents before submitting.");
        var now = time.GetUtcNow().UtcDateTime;
        dossier.SubmitSupplement(await calendars.GetAsync(ct), now, applicant, VietnameseText.NormalizeMultiline(reply));
        if (!open!.AtReception)
        {
            // The control sheet (Mẫu 05) shows the supplement coming back to whoever asked for it.
            db.DossierHandOffs.Add(Processing.DossierHandOff.SupplementFiledOnline(dossier, open, now));
        }

        await db.SaveChangesAsync(ct);
    }
}
