using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>An approver of the agency stops processing (status 8) with the reason; open steps are cancelled.</summary>
public sealed class StopProcessing(PortalDb db, TimeProvider time, CalendarProvider calendars, StepWorkflow steps, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, string Reason);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Must(r => VietnameseText.Normalize(r).Length >= 5)
                .WithMessage("Nêu rõ lý do dừng xử lý (ít nhất 5 ký tự). / State why processing stops (at least 5 characters).");
            RuleFor(c => c.Reason).Must(r => (r ?? string.Empty).Length <= 2000).WithMessage("Lý do tối đa 2000 ký tự. / The reason is at most 2000 characters.");
        }
    }

    /// <summary>The one rule the page asks and the handler enforces: an approver of the receiving agency, on a received dossier the transition table lets be stopped.</summary>
    public static bool IsAvailable(Dossier dossier, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && who.Has(Roles.Approver) && dossier.IsReceived && dossier.CanMoveTo(DossierStatus.Stopped);

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        DossierGate.RequireOwnAgency(dossier, who);
        who.Require(Roles.Approver, "dừng xử lý hồ sơ", "stop processing");
        DomainException.Ensure(IsAvailable(dossier, who),
            $"Không thể dừng xử lý: hồ sơ đang ở trạng thái \"{dossier.Status.Vietnamese()}\".",
            $"Processing cannot be stopped: the dossier is \"{dossier.Status.English()}\".");
        var reason = VietnameseText.NormalizeMultiline(command.Reason);
        var now = time.GetUtcNow().UtcDateTime;
        var actor = who.As(Roles.Approver);
        dossier.Stop(reason, await calendars.GetAsync(ct), now, actor);
        await StepWorkflow.CancelOpenAsync(db, dossier.Id, now, ct);
        steps.HandToApplicant(dossier, actor, dossier.AgencyId, "Thông báo dừng xử lý hồ sơ", null, reason, now);
        audit.Add(who.Audit, "dossier.stop", dossier.Id, reason);
        await db.SaveChangesAsync(ct);
    }
}
