using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>The desk records a fee paid in cash or by transfer (status 6 → 4); online payments come from the gateway.</summary>
public sealed class RecordPayment(PortalDb db, TimeProvider time, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.DossierId).GreaterThan(0).WithMessage(DossierGate.MissingDossier);
    }

    /// <summary>The one rule the page asks and the handler enforces: the receiving agency's desk, on a dossier awaiting payment (status 6).</summary>
    public static bool IsAvailable(Dossier dossier, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && who.Has(Roles.Reception) && dossier.Status == DossierStatus.AwaitingPayment;

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        DossierGate.RequireOwnAgency(dossier, who);
        who.Require(Roles.Reception, "ghi nhận thu phí tại quầy", "record payments at the desk");
        DomainException.Ensure(IsAvailable(dossier, who),
            $"Hồ sơ không chờ nộp phí (đang ở trạng thái \"{dossier.Status.Vietnamese()}\").",
            $"The dossier is not awaiting payment (it is \"{dossier.Status.English()}\").");
        dossier.RecordPayment(false, time.GetUtcNow().UtcDateTime, who.As(Roles.Reception));
        audit.Add(who.Audit, "dossier.payment.record", dossier.Id, $"{dossier.FeeDueVnd} VND");
        await db.SaveChangesAsync(ct);
    }
}
