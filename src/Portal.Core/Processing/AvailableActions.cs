using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>
/// Which actions a person may take on a dossier now: the buttons the work page shows. The use cases check the same
/// rules again when the form comes back (a page can be stale; a form can be forged).
/// </summary>
public sealed record AvailableActions(
    bool Accept,
    bool RefuseAtReception,
    bool SupplementAtReception,
    bool Start,
    bool PlanSteps,
    bool CompleteStep,
    bool Decide,
    bool Reassign,
    bool SupplementInProcess,
    bool RequestPayment,
    bool RecordPayment,
    bool Stop,
    bool Apology,
    bool AttachResult,
    bool ReturnResult,
    bool PaperSupplement,
    bool SendBack,
    bool RequestOpinion)
{
    public bool Any => Accept || RefuseAtReception || SupplementAtReception || Start || PlanSteps || CompleteStep || Decide || Reassign
        || SupplementInProcess || RequestPayment || RecordPayment || Stop || Apology || AttachResult || ReturnResult || PaperSupplement || SendBack || RequestOpinion;

    /// <param name="opinions">The dossier's requests for other agencies' opinions: a step awaiting an answer is not completed, decided or sent back.</param>
    public static AvailableActions For(Dossier d, IReadOnlyList<DossierStep> steps, OfficialContext who, IReadOnlyCollection<OpinionRequest>? opinions = null)
    {
        var own = who.ActsFor(d.AgencyId);
        var desk = own && who.Has(Roles.Reception);
        var approver = own && who.Has(Roles.Approver);
        var agencyStaff = own && (who.Has(Roles.Handler) || who.Has(Roles.Approver));
        var active = steps.FirstOrDefault(s => s.State == StepState.Active);
        var awaitsOpinion = active is not null && opinions?.Any(o => o.IsOpen && o.StepId == active.Id) == true;
        var holds = active is not null && StepWorkflow.Holds(active, who) && !awaitsOpinion;
        var isLast = active is not null && active.Index == steps.Max(s => s.Index);
        var inProcess = d.Status == DossierStatus.InProcess;
        return new AvailableActions(
            Accept: desk && d.Status == DossierStatus.Submitted,
            RefuseAtReception: desk && !d.IsReceived && d.Status is DossierStatus.Submitted or DossierStatus.AwaitingSupplement,
            SupplementAtReception: desk && d.Status == DossierStatus.Submitted,
            Start: desk && d.Status == DossierStatus.Received,
            PlanSteps: (desk || approver) && inProcess && steps.Count == 0,
            CompleteStep: inProcess && holds && !isLast,
            Decide: inProcess && ((holds && isLast) || (steps.Count == 0 && approver)),
            Reassign: active is not null && d.Status is DossierStatus.InProcess or DossierStatus.AwaitingSupplement or DossierStatus.AwaitingPayment
                && (active.AssigneeId == who.UserId || (who.Has(Roles.Approver) && who.ActsFor(active.AgencyId))),
            SupplementInProcess: inProcess && (holds || agencyStaff),
            RequestPayment: inProcess && agencyStaff,
            RecordPayment: desk && d.Status == DossierStatus.AwaitingPayment,
            Stop: approver && d.IsReceived && d.Status is DossierStatus.InProcess or DossierStatus.AwaitingSupplement or DossierStatus.AwaitingPayment,
            Apology: approver && d.IsReceived && !d.Status.IsFinished() && d.ApologyIssuedAt is null,
            AttachResult: agencyStaff && d.Status == DossierStatus.Decided,
            ReturnResult: desk && d.Status == DossierStatus.Decided,
            PaperSupplement: RecordPaperSupplement.IsAvailable(d, who),
            SendBack: !awaitsOpinion && SendBackStep.IsAvailable(d, steps, who),
            RequestOpinion: Processing.RequestOpinion.IsAvailable(d, steps, who));
    }
}
