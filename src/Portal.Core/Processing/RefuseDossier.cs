using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>The desk refuses to receive a dossier (status 3) with the reason, and Mẫu 03 is issued.</summary>
public sealed class RefuseDossier(PortalDb db, TimeProvider time, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, string Reason);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Must(r => VietnameseText.Normalize(r).Length >= 5)
                .WithMessage("Nêu rõ lý do từ chối (ít nhất 5 ký tự). / State the reason for the refusal (at least 5 characters).");
            RuleFor(c => c.Reason).Must(r => (r ?? string.Empty).Length <= 2000)
                .WithMessage("Lý do tối đa 2000 ký tự. / The reason is at most 2000 characters.");
        }
    }

    /// <summary>
    /// The one rule the page asks and the handler enforces: the receiving agency's desk, on a dossier not received yet
    /// (filed, or answering a supplement asked at reception) that the transition table lets be refused.
    /// </summary>
    public static bool IsAvailable(Dossier dossier, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && who.Has(Roles.Reception) && !dossier.IsReceived && dossier.CanMoveTo(DossierStatus.RefusedAtReception);

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        DossierGate.RequireOwnAgency(dossier, who);
        who.Require(Roles.Reception, "từ chối tiếp nhận hồ sơ", "refuse dossiers at reception");
        if (!IsAvailable(dossier, who))
        {
            throw dossier.IsReceived
                ? new DomainException("Hồ sơ đã được tiếp nhận, không thể từ chối tiếp nhận.", "The dossier has been received; it can no longer be refused at reception.")
                : dossier.MoveRefusal(DossierStatus.RefusedAtReception);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var reason = VietnameseText.NormalizeMultiline(command.Reason);
        dossier.RefuseAtReception(reason, now, who.As(Roles.Reception));
        db.Outbox.Add(IssuedForms.Render(dossier, IssuedForms.Refusal, now));
        audit.Add(who.Audit, "dossier.refuse", dossier.Id, reason);
        await db.SaveChangesAsync(ct);
    }
}
