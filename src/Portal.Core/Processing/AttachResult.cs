using FluentValidation;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;
using Portal.Core.Filing;

namespace Portal.Core.Processing;

/// <summary>The signed electronic result, uploaded after the decision (status 9) by a handler or approver of the agency.</summary>
public sealed class AttachResult(PortalDb db, TimeProvider time, IDocumentStore store, IDocumentScanner scanner, IOptions<FilingOptions> filing, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, OfficialFile? File);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.File).NotNull().WithMessage("Chọn tệp PDF kết quả đã ký. / Choose the signed result PDF.");
    }

    /// <summary>The one rule the page asks and the handler enforces: a handler or approver of the receiving agency, on a decided dossier (status 9).</summary>
    public static bool IsAvailable(Dossier dossier, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && MayAttach(who) && dossier.Status == DossierStatus.Decided;

    private static bool MayAttach(OfficialContext who) => who.Has(Roles.Handler) || who.Has(Roles.Approver);

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        DossierGate.RequireOwnAgency(dossier, who);
        if (!MayAttach(who))
        {
            throw new ActionNotPermittedException("Chỉ chuyên viên hoặc lãnh đạo phòng được đính kèm kết quả.", "Only handlers and approvers may attach the result.");
        }

        DomainException.Ensure(IsAvailable(dossier, who),
            "Chỉ đính kèm kết quả điện tử khi hồ sơ đã xử lý xong và chưa trả kết quả.",
            "An electronic result can be attached once the dossier is decided and before the result is returned.");
        var now = time.GetUtcNow().UtcDateTime;
        var document = await OfficialUploads.StoreAsync(store, scanner, command.File!, DocumentKind.Result, "Kết quả giải quyết (bản điện tử)",
            filing.Value.MaxFileBytes, now, who.UserId, ct, pdfOnly: true);
        dossier.AddDocument(document, now);
        dossier.AttachElectronicResult(now);
        audit.Add(who.Audit, "dossier.result.attach", dossier.Id, document.FileName);
        await db.SaveChangesAsync(ct);
    }
}
