using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>
/// The agency's steps inside status 4: planned from the procedure version when processing starts, one active at a
/// time, each hand-off recorded for the control sheet (Mẫu 05). Callers save; nothing here commits.
/// </summary>
public sealed class StepWorkflow(PortalDb db, AssigneePicker picker, IOptions<ProcessingOptions> options)
{
    public Task<List<DossierStep>> LoadAsync(long dossierId, CancellationToken ct) =>
        db.DossierSteps.Where(s => s.DossierId == dossierId).OrderBy(s => s.Index).ToListAsync(ct);

    /// <summary>Plans the steps, starts the first one and records the desk's hand-off to it.</summary>
    public async Task<List<DossierStep>> StartAsync(Dossier dossier, Actor desk, WorkingCalendar calendar, DateTime at, CancellationToken ct)
    {
        DomainException.Ensure(!await db.DossierSteps.AnyAsync(s => s.DossierId == dossier.Id, ct),
            "Hồ sơ đã được chuyển xử lý.", "Processing has already started for this dossier.");
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct);
        var planned = version.Steps.Count > 0 ? version.Steps : DefaultSteps(dossier, calendar, at);
        var codes = planned.Where(s => s.AgencyCode is not null).Select(s => s.AgencyCode!).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        var steps = new List<DossierStep>();
        for (var i = 0; i < planned.Count; i++)
        {
            var p = planned[i];
            var agencyId = dossier.AgencyId;
            if (p.AgencyCode is { } code)
            {
                DomainException.Ensure(agencies.TryGetValue(code, out agencyId),
                    $"Bước \"{p.Name}\" chuyển cho cơ quan mã {code}, nhưng cơ quan này chưa có trong danh mục.",
                    $"Step \"{p.Name}\" goes to agency {code}, which is not in the catalogue.");
            }

            var step = new DossierStep(dossier.Id, i + 1, p.Name, p.Role, agencyId, agencyId != dossier.AgencyId, Math.Max(1, p.WorkingHours) * 60);
            db.DossierSteps.Add(step);
            steps.Add(step);
        }

        var first = steps[0];
        var assignee = await ActivateAsync(first, null, calendar, at, ct);
        var deskDue = calendar.AddWorkingMinutes(calendar.StartOfCounting(dossier.ReceivedAt ?? at), (long)options.Value.DeskHandOffWorkingHours * 60);
        AddHandOff(dossier.Id, at, desk.Name, desk.Role, dossier.AgencyId, first, assignee,
            StepTiming.Classify(at, deskDue, calendar), "Bộ phận một cửa chuyển hồ sơ để giải quyết");
        dossier.RecordProcessingStep("AssignStep", $"{first.Name}: {first.AssigneeName ?? "chờ phân công"}", at, desk);
        return steps;
    }

    /// <summary>
    /// Completes the active step and starts the next one (assigned by hand when <paramref name="nextAssignee"/> is
    /// given, else by load). The last step is completed by the decision, never here.
    /// </summary>
    public async Task CompleteAsync(Dossier dossier, List<DossierStep> steps, DossierStep step, Actor by, string? note, Guid? nextAssignee,
        WorkingCalendar calendar, DateTime at, CancellationToken ct)
    {
        var next = steps.FirstOrDefault(s => s.Index == step.Index + 1)
            ?? throw new DomainException("Đây là bước cuối: hãy ghi nhận quyết định giải quyết hồ sơ.", "This is the last step: record the decision instead.");
        await EnsureNoOpinionAwaitedAsync(step, ct);
        var result = Finish(dossier, step, by, note, calendar, at);
        var assignee = await ActivateAsync(next, nextAssignee, calendar, at, ct);
        AddHandOff(dossier.Id, at, by.Name, by.Role, step.AgencyId, next, assignee, result, note);
        dossier.RecordProcessingStep("CompleteStep", $"{step.Name} → {next.Name}" + (note is null ? string.Empty : $": {note}"), at, by);
    }

    /// <summary>The decision completes the last step; the dossier goes back to the desk to return the result.</summary>
    public void CompleteLast(Dossier dossier, DossierStep step, Actor by, string? note, WorkingCalendar calendar, DateTime at)
    {
        var result = Finish(dossier, step, by, note, calendar, at);
        db.DossierHandOffs.Add(new DossierHandOff(dossier.Id, at, by.Name, by.Role, step.AgencyId, "Bộ phận tiếp nhận và trả kết quả", Roles.Reception,
            dossier.AgencyId, "Chuyển kết quả về bộ phận một cửa", result, note));
    }

    /// <summary>
    /// The holder of a step sends the dossier back to the step before it with the reason (an approver to the handler): that
    /// step is worked on again by whoever did it, with its allotted time from now; the holder's own part is recorded on
    /// Mẫu 05 as a hand-off with its timing, and the step waits until the one before it is done again.
    /// </summary>
    public void SendBack(Dossier dossier, IReadOnlyList<DossierStep> steps, DossierStep step, Actor by, string reason, WorkingCalendar calendar, DateTime at)
    {
        DomainException.Ensure(step.State == StepState.Active, "Bước này không còn đang xử lý.", "This step is no longer active.");
        var previous = steps.Where(s => s.Index < step.Index && s.State == StepState.Done).MaxBy(s => s.Index)
            ?? throw new DomainException("Đây là bước đầu tiên: không có bước nào trước để trả lại.", "This is the first step: there is no earlier step to send it back to.");
        var (_, result) = Timing(dossier, step, calendar, at);
        step.Rewind();
        previous.Reopen(at, calendar.AddWorkingMinutes(calendar.StartOfCounting(at), previous.AllottedMinutes));
        db.DossierHandOffs.Add(new DossierHandOff(dossier.Id, at, by.Name, by.Role, step.AgencyId, previous.AssigneeName, previous.Role, previous.AgencyId,
            $"Trả lại bước \"{previous.Name}\" để xử lý lại", result, reason));
        dossier.RecordProcessingStep("SendBack", $"{step.Name} → {previous.Name}: {reason}", at, by);
    }

    /// <summary>
    /// A step that asked another agency for its opinion is not completed, decided or sent back before the answer comes
    /// (or the request is withdrawn): the answer is part of the step's work.
    /// </summary>
    public static bool AwaitsOpinion(IReadOnlyList<DossierStep> steps, IReadOnlyCollection<OpinionRequest> opinions) =>
        steps.FirstOrDefault(s => s.State == StepState.Active) is { } active && opinions.Any(o => o.IsOpen && o.StepId == active.Id);

    /// <summary>The handlers' side of <see cref="AwaitsOpinion"/>: refuses, naming the agency awaited.</summary>
    public async Task EnsureNoOpinionAwaitedAsync(DossierStep step, CancellationToken ct)
    {
        var open = await db.OpinionRequests.AsNoTracking().Where(r => r.StepId == step.Id && r.State == OpinionState.Open)
            .Join(db.Agencies, r => r.ToAgencyId, a => a.Id, (r, a) => a.Name).FirstOrDefaultAsync(ct);
        DomainException.Ensure(open is null,
            $"Bước này đang chờ ý kiến của {open}: chờ cơ quan trả lời, hoặc rút yêu cầu xin ý kiến trước.",
            $"This step awaits the opinion of {open}: wait for the answer, or withdraw the request first.");
    }

    /// <summary>The dossier ended before its work did (stopped, withdrawn): its open steps and unanswered requests for opinions are cancelled.</summary>
    public static async Task CancelOpenAsync(PortalDb db, long dossierId, DateTime at, CancellationToken ct)
    {
        foreach (var step in await db.DossierSteps.Where(s => s.DossierId == dossierId).ToListAsync(ct))
        {
            step.Cancel();
        }

        foreach (var request in await db.OpinionRequests.Where(r => r.DossierId == dossierId && r.State == OpinionState.Open).ToListAsync(ct))
        {
            request.Cancel(at);
        }
    }

    /// <summary>Whether the official holds the step: its assignee, or (while nobody holds it) an official of its agency with its role.</summary>
    public static bool Holds(DossierStep step, OfficialContext who) =>
        step.AssigneeId == who.UserId || (step.AssigneeId is null && who.ActsFor(step.AgencyId) && who.Has(step.Role));

    /// <summary>Hands the active step to someone else by hand.</summary>
    public async Task ReassignAsync(Dossier dossier, DossierStep step, Actor by, Guid assigneeId, string? note, DateTime at, CancellationToken ct)
    {
        DomainException.Ensure(step.State == StepState.Active, "Chỉ phân công lại bước đang xử lý.", "Only the active step can be reassigned.");
        DomainException.Ensure(step.AssigneeId != assigneeId, "Cán bộ này đang được phân công bước này.", "This official already holds the step.");
        var candidate = (await picker.CandidatesAsync(step.AgencyId, step.Role, ct)).FirstOrDefault(c => c.Id == assigneeId)
            ?? throw new DomainException("Người được chọn không thuộc cơ quan hoặc không có vai trò của bước này.",
                "The chosen person is not an official of the step's agency with the step's role.");
        var previous = step.AssigneeName;
        step.Assign(candidate.Id, candidate.Name, at);
        db.DossierHandOffs.Add(new DossierHandOff(dossier.Id, at, previous ?? by.Name, step.Role, step.AgencyId, candidate.Name, step.Role, step.AgencyId,
            $"Phân công lại: {step.Name}", null, note));
        dossier.RecordProcessingStep("AssignStep", $"{step.Name}: {candidate.Name}" + (note is null ? string.Empty : $" ({note})"), at, by);
    }

    /// <summary>Records a hand-off to the applicant (result returned, supplement asked) for the control sheet.</summary>
    public void HandToApplicant(Dossier dossier, Actor by, int agencyId, string purpose, Timeliness? result, string? note, DateTime at) =>
        db.DossierHandOffs.Add(DossierHandOff.ToApplicant(dossier, by, agencyId, purpose, result, note, at));

    private static Timeliness Finish(Dossier dossier, DossierStep step, Actor by, string? note, WorkingCalendar calendar, DateTime at)
    {
        DomainException.Ensure(step.State == StepState.Active, "Bước này không còn đang xử lý.", "This step is no longer active.");
        var (due, result) = Timing(dossier, step, calendar, at);
        step.Complete(by, note, at, due, result);
        return result;
    }

    /// <summary>How the step's part ends at <paramref name="at"/>: its due time pushed by the pauses inside it, and the result against it.</summary>
    private static (DateTime Due, Timeliness Result) Timing(Dossier dossier, DossierStep step, WorkingCalendar calendar, DateTime at)
    {
        var paused = dossier.PausedWorkingMinutesBetween(step.StartedAt ?? at, at, calendar);
        var due = paused > 0 ? calendar.AddWorkingMinutes(step.DueAt ?? at, paused) : step.DueAt ?? at;
        return (due, StepTiming.Classify(at, due, calendar));
    }

    private async Task<Candidate?> ActivateAsync(DossierStep step, Guid? chosen, WorkingCalendar calendar, DateTime at, CancellationToken ct)
    {
        // A hand-off after the cut-off or after hours starts the step's time at the next opening, as reception does.
        step.Activate(at, calendar.AddWorkingMinutes(calendar.StartOfCounting(at), step.AllottedMinutes));
        var candidates = await picker.CandidatesAsync(step.AgencyId, step.Role, ct);
        Candidate? assignee;
        if (chosen is { } id)
        {
            assignee = candidates.FirstOrDefault(c => c.Id == id)
                ?? throw new DomainException("Người được chọn không thuộc cơ quan hoặc không có vai trò của bước tiếp theo.",
                    "The chosen person is not an official of the next step's agency with its role.");
        }
        else
        {
            assignee = candidates.Count > 0 ? candidates[0] : null;
        }

        if (assignee is not null)
        {
            step.Assign(assignee.Id, assignee.Name, at);
        }

        return assignee;
    }

    private void AddHandOff(long dossierId, DateTime at, string fromName, string fromRole, int? fromAgency, DossierStep to, Candidate? assignee,
        Timeliness? result, string? note) =>
        db.DossierHandOffs.Add(new DossierHandOff(dossierId, at, fromName, fromRole, fromAgency, assignee?.Name, to.Role, to.AgencyId, to.Name, result, note));

    /// <summary>A version without steps: appraisal then approval, sharing the time left before the due date.</summary>
    private static List<ProcessingStep> DefaultSteps(Dossier dossier, WorkingCalendar calendar, DateTime at)
    {
        var minutes = dossier.DueAt is { } due ? calendar.WorkingMinutesBetween(at, due) : calendar.MinutesPerDay;
        var hours = (int)Math.Max(2, minutes / 60);
        var appraise = Math.Max(1, hours * 7 / 10);
        return
        [
            new ProcessingStep("Thẩm định hồ sơ", Roles.Handler, appraise),
            new ProcessingStep("Phê duyệt, ký kết quả", Roles.Approver, Math.Max(1, hours - appraise)),
        ];
    }
}
