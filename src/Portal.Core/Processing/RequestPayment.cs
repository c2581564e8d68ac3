using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>The agency asks the applicant to pay a fee or tax before processing goes on (status 4 → 6).</summary>
public sealed class RequestPayment(PortalDb db, TimeProvider time, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, long AmountVnd, string? Note);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.AmountVnd).InclusiveBetween(1000, 100_000_000_000)
                .WithMessage("Số tiền từ 1.000 đến 100.000.000.000 đồng. / The amount is from 1,000 to 100,000,000,000 VND.");
            RuleFor(c => c.Note).Must(n => (n ?? string.Empty).Length <= 1000).WithMessage("Ghi chú tối đa 1000 ký tự. / The note is at most 1000 characters.");
        }
    }

    /// <summary>The one rule the page asks and the handler enforces: a handler or approver of the receiving agency, on a dossier the transition table lets wait for a payment (in process).</summary>
    public static bool IsAvailable(Dossier dossier, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && MayAsk(who) && dossier.CanMoveTo(DossierStatus.AwaitingPayment);

    private static bool MayAsk(OfficialContext who) => who.Has(Roles.Handler) || who.Has(Roles.Approver);

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        DossierGate.RequireOwnAgency(dossier, who);
        if (!MayAsk(who))
        {
            throw new ActionNotPermittedException("Chỉ chuyên viên hoặc lãnh đạo phòng được yêu cầu nộp phí, lệ phí.", "Only handlers and approvers may ask for a payment.");
        }

        if (!IsAvailable(dossier, who))
        {
            throw dossier.MoveRefusal(DossierStatus.AwaitingPayment);
        }

        var note = string.IsNullOrWhiteSpace(command.Note) ? null : VietnameseText.Normalize(command.Note);
        dossier.RequestPayment(command.AmountVnd, note, time.GetUtcNow().UtcDateTime, who.As(who.Has(Roles.Handler) ? Roles.Handler : Roles.Approver));
        audit.Add(who.Audit, "dossier.payment.request", dossier.Id, $"{command.AmountVnd} VND");
        await db.SaveChangesAsync(ct);
    }
}
