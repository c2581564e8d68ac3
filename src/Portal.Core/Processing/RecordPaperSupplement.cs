using FluentValidation;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>
/// The desk records the supplementary papers an applicant brought to the counter or sent by post (a walk-in or postal
/// applicant has no account to answer online; an online one may come in person too): what was received, and a scan of it
/// when there is one. The dossier goes back to the reception queue or to processing, the clock resumed by the aggregate.
/// </summary>
public sealed class RecordPaperSupplement(PortalDb db, TimeProvider time, CalendarProvider calendars, IDocumentStore store, IDocumentScanner scanner,
    IOptions<FilingOptions> filing, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, string Received, OfficialFile? Scan);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Received).Must(r => VietnameseText.Normalize(r).Length is >= 5 and <= 2000)
                .WithMessage("Ghi rõ giấy tờ bổ sung đã nhận (5–2000 ký tự), ví dụ \"Bản sao giấy chứng sinh, 01 bản\". / Write down the papers received (5–2000 characters), for example \"Copy of the birth certificate, 1 copy\".");
    }

    /// <summary>The one rule the page asks (to show the form) and the handler enforces: the receiving agency's desk, while a supplement is awaited.</summary>
    public static bool IsAvailable(Dossier dossier, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && who.Has(Roles.Reception) && dossier.Status == DossierStatus.AwaitingSupplement;

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct, withSupplements: true);
        DossierGate.RequireOwnAgency(dossier, who);
        who.Require(Roles.Reception, "ghi nhận hồ sơ bổ sung tại quầy", "record a supplement at the desk");
        DomainException.Ensure(IsAvailable(dossier, who),
            $"Không thể ghi nhận bổ sung: hồ sơ đang ở trạng thái \"{dossier.Status.Vietnamese()}\".",
            $"No supplement can be recorded: the dossier is \"{dossier.Status.English()}\".");
        var now = time.GetUtcNow().UtcDateTime;
        var received = VietnameseText.NormalizeMultiline(command.Received);
        var actor = who.As(Roles.Reception);
        if (command.Scan is { } scan)
        {
            dossier.AddDocument(await OfficialUploads.StoreAsync(store, scanner, scan, DocumentKind.Supplement, "Bản chụp giấy tờ bổ sung nhận tại quầy",
                filing.Value.MaxFileBytes, now, who.UserId, ct), now);
        }

        var atReception = !dossier.IsReceived;
        dossier.ReceiveSupplementAtDesk(received, await calendars.GetAsync(ct), now, actor);
        if (!atReception)
        {
            db.DossierHandOffs.Add(DossierHandOff.SupplementAtDesk(dossier, actor, received, now));
        }

        audit.Add(who.Audit, "dossier.supplement.desk", dossier.Id, received);
        await db.SaveChangesAsync(ct);
    }
}
