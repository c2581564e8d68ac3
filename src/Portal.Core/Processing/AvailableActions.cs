using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>
/// Which actions a person may take on a dossier now: the buttons the work page shows. Each is the <c>IsAvailable</c> of
/// its use case, which the handler enforces when the form comes back (a page can be stale; a form can be forged).
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

    /// <summary>
    /// Each button is its use case's own rule, the one its handler enforces; nothing is decided here but that a step
    /// awaiting another agency's opinion is not completed, decided or sent back (<see cref="StepWorkflow.AwaitsOpinion"/>,
    /// which the handlers enforce through <see cref="StepWorkflow.EnsureNoOpinionAwaitedAsync"/>).
    /// </summary>
    /// <param name="opinions">The dossier's requests for other agencies' opinions.</param>
    public static AvailableActions For(Dossier d, IReadOnlyList<DossierStep> steps, OfficialContext who, IReadOnlyCollection<OpinionRequest>? opinions = null)
    {
        var waits = StepWorkflow.AwaitsOpinion(steps, opinions ?? []);
        return new(
            Accept: AcceptDossier.IsAvailable(d, who),
            RefuseAtReception: RefuseDossier.IsAvailable(d, who),
            SupplementAtReception: RequestSupplement.IsAvailableAtReception(d, who),
            Start: StartProcessing.IsAvailable(d, who),
            PlanSteps: StartProcessing.IsPlanAvailable(d, steps, who),
            CompleteStep: !waits && Processing.CompleteStep.IsAvailable(d, steps, who),
            Decide: !waits && DecideDossier.IsAvailable(d, steps, who),
            Reassign: AssignStep.IsAvailable(d, steps, who),
            SupplementInProcess: RequestSupplement.IsAvailableInProcess(d, steps, who),
            RequestPayment: Processing.RequestPayment.IsAvailable(d, who),
            RecordPayment: Processing.RecordPayment.IsAvailable(d, who),
            Stop: StopProcessing.IsAvailable(d, who),
            Apology: IssueApology.IsAvailable(d, who),
            AttachResult: Processing.AttachResult.IsAvailable(d, who),
            ReturnResult: Processing.ReturnResult.IsAvailable(d, who),
            PaperSupplement: RecordPaperSupplement.IsAvailable(d, who),
            SendBack: !waits && SendBackStep.IsAvailable(d, steps, who),
            RequestOpinion: Processing.RequestOpinion.IsAvailable(d, steps, who));
    }
}
