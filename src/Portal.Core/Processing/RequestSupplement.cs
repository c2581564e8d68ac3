using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>
/// A supplement request with Mẫu 02 (which documents, why). At reception (status 1, by the desk) the clock has not
/// started; during processing (status 4, by the step's assignee or the agency's handlers and approvers) it pauses.
/// A second request during processing is allowed and makes the dossier count as late (the aggregate counts it).
/// </summary>
public sealed class RequestSupplement(PortalDb db, TimeProvider time, StepWorkflow steps, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, string Reason, IReadOnlyList<string> Documents);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Must(r => VietnameseText.Normalize(r).Length >= 5)
                .WithMessage("Nêu rõ lý do cần bổ sung (ít nhất 5 ký tự). / State why the supplement is needed (at least 5 characters).");
            RuleFor(c => c.Reason).Must(r => (r ?? string.Empty).Length <= 2000)
                .WithMessage("Lý do tối đa 2000 ký tự. / The reason is at most 2000 characters.");
            RuleFor(c => c.Documents).Must(d => d is { Count: > 0 and <= 30 } && d.All(x => VietnameseText.Normalize(x).Length is > 0 and <= 400))
                .WithMessage("Chọn hoặc ghi ít nhất một giấy tờ cần bổ sung (mỗi dòng tối đa 400 ký tự). / Choose or write at least one document to supply (400 characters a line at most).");
        }
    }

    /// <summary>The one rule the page asks and the handler enforces, at reception or during processing.</summary>
    public static bool IsAvailable(Dossier dossier, IReadOnlyList<DossierStep> steps, OfficialContext who) =>
        IsAvailableAtReception(dossier, who) || IsAvailableInProcess(dossier, steps, who);

    /// <summary>At reception: the receiving agency's desk, on a filed dossier (status 1).</summary>
    public static bool IsAvailableAtReception(Dossier dossier, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && who.Has(Roles.Reception) && dossier.Status == DossierStatus.Submitted;

    /// <summary>During processing (status 4): whoever holds the active step, or a handler or approver of the receiving agency.</summary>
    public static bool IsAvailableInProcess(Dossier dossier, IReadOnlyList<DossierStep> steps, OfficialContext who) =>
        dossier.Status == DossierStatus.InProcess && MayAskInProcess(dossier, steps.FirstOrDefault(s => s.State == StepState.Active), who);

    private static bool MayAskInProcess(Dossier dossier, DossierStep? active, OfficialContext who) =>
        (active is not null && StepWorkflow.Holds(active, who)) || (who.ActsFor(dossier.AgencyId) && (who.Has(Roles.Handler) || who.Has(Roles.Approver)));

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct, withSupplements: true);
        var all = await steps.LoadAsync(dossier.Id, ct);
        var active = all.FirstOrDefault(s => s.State == StepState.Active);
        var atReception = dossier.Status == DossierStatus.Submitted;
        if (atReception)
        {
            DossierGate.RequireOwnAgency(dossier, who);
            who.Require(Roles.Reception, "yêu cầu bổ sung khi tiếp nhận", "ask for a supplement at reception");
        }
        else if (dossier.Status == DossierStatus.InProcess && !MayAskInProcess(dossier, active, who))
        {
            throw new ActionNotPermittedException(
                "Chỉ người đang xử lý hồ sơ hoặc chuyên viên, lãnh đạo của cơ quan giải quyết được yêu cầu bổ sung.",
                "Only the official holding the dossier, or the agency's handlers and approvers, may ask for a supplement.");
        }

        DomainException.Ensure(IsAvailable(dossier, all, who),
            $"Không thể yêu cầu bổ sung: hồ sơ đang ở trạng thái \"{dossier.Status.Vietnamese()}\".",
            $"A supplement cannot be requested: the dossier is \"{dossier.Status.English()}\".");
        var now = time.GetUtcNow().UtcDateTime;
        var actor = atReception ? who.As(Roles.Reception)
            : who.As(active is not null && StepWorkflow.Holds(active, who) ? active.Role : who.Has(Roles.Approver) ? Roles.Approver : Roles.Handler);
        var reason = VietnameseText.NormalizeMultiline(command.Reason);
        var documents = command.Documents.Select(VietnameseText.Normalize).Where(d => d.Length > 0).Distinct().ToList();
        dossier.RequestSupplement(reason, documents, now, actor);
        if (!atReception)
        {
            db.DossierHandOffs.Add(DossierHandOff.SupplementAsked(dossier, actor, who.AgencyId ?? dossier.AgencyId, reason, now));
        }

        db.Outbox.Add(IssuedForms.Render(dossier, IssuedForms.SupplementRequest, now));
        audit.Add(who.Audit, "dossier.supplement", dossier.Id, reason);
        await db.SaveChangesAsync(ct);
    }
}
