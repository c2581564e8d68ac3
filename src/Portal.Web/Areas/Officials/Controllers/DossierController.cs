using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Documents.Forms;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Links;
using Portal.Core.Processing;
using Portal.Core.Processing.Deadlines;

namespace Portal.Web.Areas.Officials.Controllers;

/// <summary>
/// The dossier work page and its actions. Every form carries the dossier's version: a page rendered before someone
/// else acted is refused with the conflict message instead of overwriting their work.
/// </summary>
[Route("can-bo/ho-so/{id:long}")]
public sealed class DossierController(PortalDb db, CalendarProvider calendars, AssigneePicker picker, AuditTrail audit, TimeProvider time,
    IOptions<FilingOptions> filing, PublicUrls urls, IOptions<DeadlineOptions> deadlines) : OfficialsControllerBase
{
    [HttpGet("")]
    public async Task<IActionResult> Show(long id, CancellationToken ct)
    {
        var model = await LoadAsync(id, ct);
        if (model is null)
        {
            return await NotYoursAsync(id, ct);
        }

        await audit.RecordAsync(Who.Audit, AuditActions.ViewDossier, id, ct: ct);
        return View("Show", model);
    }

    /// <summary>Mẫu 05, rendered now from the hand-offs recorded so far.</summary>
    [HttpGet("phieu-kiem-soat")]
    public async Task<IActionResult> ControlSheet(long id, CancellationToken ct)
    {
        if (!await CanViewAsync(id, ct))
        {
            return await NotYoursAsync(id, ct);
        }

        var pdf = await ControlSheetForm.RenderAsync(db, id, await calendars.GetAsync(ct), filing.Value.PlaceName, urls,
            time.GetUtcNow().UtcDateTime, ct);
        await audit.RecordAsync(Who.Audit, AuditActions.DownloadControlSheet, id, ct: ct);
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(pdf.Pdf, "application/pdf", pdf.FileName);
    }

    /// <summary>
    /// Mẫu 01 to print: the PDF opened in the browser (inline), rendered now if its row still waits. While a worker holds
    /// the row, a page that reloads itself; a dossier not yet received has no receipt.
    /// </summary>
    [HttpGet("giay-tiep-nhan")]
    public async Task<IActionResult> Receipt(long id, [FromServices] RenderNow render, [FromServices] IDocumentStore store, CancellationToken ct)
    {
        if (!await CanViewAsync(id, ct))
        {
            return await NotYoursAsync(id, ct);
        }

        var receipt = await render.TryAsync(id, Receipt01.DocumentType, ct);
        if (receipt is null || receipt.Quarantined)
        {
            var pending = await render.PendingAsync(id, Receipt01.DocumentType, ct);
            Response.StatusCode = pending ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status404NotFound;
            if (pending)
            {
                Response.Headers.RetryAfter = "2";
            }

            return View("ReceiptPending", new ReceiptPendingModel(id, pending));
        }

        var stream = await store.OpenAsync(receipt.StorageKey, ct);
        await audit.RecordAsync(Who.Audit, AuditActions.DownloadDocument, id, receipt.FileName, receipt.Id, ct);
        Response.Headers.XContentTypeOptions = "nosniff";
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(receipt.FileName);
        Response.Headers.ContentDisposition = disposition.ToString();
        return File(stream, "application/pdf");
    }

    [HttpPost("tiep-nhan")]
    public Task<IActionResult> Accept(long id, AcceptInput input, [FromServices] AcceptDossier handler, [FromServices] IValidator<AcceptDossier.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "accept", new AcceptDossier.Command(id, input.Version, input.StartNow, ReceptionChecklist.FromForm(input.Received, input.Copies)),
            validator, handler.HandleAsync, "Đã tiếp nhận hồ sơ.", "The dossier was received.", ct);

    [HttpPost("yeu-cau-bo-sung")]
    public Task<IActionResult> Supplement(long id, SupplementInput input, [FromServices] RequestSupplement handler,
        [FromServices] IValidator<RequestSupplement.Command> validator, CancellationToken ct) =>
        RunAsync(id, "supplement", new RequestSupplement.Command(id, input.Version, input.Reason ?? string.Empty, input.AllDocuments()), validator,
            handler.HandleAsync, "Đã gửi yêu cầu bổ sung; phiếu Mẫu 02 đang được lập.", "The supplement request was sent; form 02 is being issued.", ct);

    [HttpPost("tu-choi")]
    public Task<IActionResult> Refuse(long id, ReasonInput input, [FromServices] RefuseDossier handler, [FromServices] IValidator<RefuseDossier.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "refuse", new RefuseDossier.Command(id, input.Version, input.Reason ?? string.Empty), validator, handler.HandleAsync,
            "Đã từ chối tiếp nhận; phiếu Mẫu 03 đang được lập.", "The dossier was refused; form 03 is being issued.", ct);

    [HttpPost("chuyen-xu-ly")]
    public Task<IActionResult> Start(long id, VersionInput input, [FromServices] StartProcessing handler, [FromServices] IValidator<StartProcessing.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "start", new StartProcessing.Command(id, input.Version), validator, handler.HandleAsync,
            "Đã chuyển hồ sơ để giải quyết.", "The dossier was handed to processing.", ct);

    [HttpPost("hoan-thanh-buoc")]
    public Task<IActionResult> CompleteStep(long id, StepInput input, [FromServices] CompleteStep handler, [FromServices] IValidator<CompleteStep.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "complete", new CompleteStep.Command(id, input.Version, input.StepId, input.Note, input.NextAssignee), validator, handler.HandleAsync,
            "Đã hoàn thành bước và chuyển bước tiếp theo.", "The step was completed and the next one started.", ct);

    [HttpPost("phan-cong")]
    public Task<IActionResult> Assign(long id, AssignInput input, [FromServices] AssignStep handler, [FromServices] IValidator<AssignStep.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "assign", new AssignStep.Command(id, input.Version, input.StepId, input.Assignee ?? Guid.Empty, input.Note), validator, handler.HandleAsync,
            "Đã phân công lại.", "The step was reassigned.", ct);

    [HttpPost("yeu-cau-thanh-toan")]
    public Task<IActionResult> RequestPayment(long id, PaymentInput input, [FromServices] RequestPayment handler,
        [FromServices] IValidator<RequestPayment.Command> validator, CancellationToken ct) =>
        RunAsync(id, "payment", new RequestPayment.Command(id, input.Version, input.Amount ?? 0, input.Note), validator, handler.HandleAsync,
            "Đã yêu cầu nộp phí, lệ phí.", "Payment was requested.", ct);

    [HttpPost("thu-phi")]
    public Task<IActionResult> RecordPayment(long id, VersionInput input, [FromServices] RecordPayment handler, [FromServices] IValidator<RecordPayment.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "paid", new RecordPayment.Command(id, input.Version), validator, handler.HandleAsync,
            "Đã ghi nhận nộp phí; hồ sơ tiếp tục được giải quyết.", "The payment was recorded; processing resumes.", ct);

    [HttpPost("dung-xu-ly")]
    public Task<IActionResult> Stop(long id, ReasonInput input, [FromServices] StopProcessing handler, [FromServices] IValidator<StopProcessing.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "stop", new StopProcessing.Command(id, input.Version, input.Reason ?? string.Empty), validator, handler.HandleAsync,
            "Đã dừng xử lý hồ sơ.", "Processing was stopped.", ct);

    [HttpPost("quyet-dinh")]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public Task<IActionResult> Decide(long id, DecideInput input, [FromServices] DecideDossier handler, [FromServices] IValidator<DecideDossier.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "decide", new DecideDossier.Command(id, input.Version, input.Note, input.Result, Upload(input.File)), validator, handler.HandleAsync,
            "Đã ghi nhận kết quả giải quyết.", "The decision was recorded.", ct);

    [HttpPost("ket-qua-dien-tu")]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public Task<IActionResult> AttachResult(long id, FileInput input, [FromServices] AttachResult handler, [FromServices] IValidator<AttachResult.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "attach", new AttachResult.Command(id, input.Version, Upload(input.File)), validator, handler.HandleAsync,
            "Đã đính kèm kết quả điện tử.", "The electronic result was attached.", ct);

    [HttpPost("tra-ket-qua")]
    public Task<IActionResult> Return(long id, ReturnInput input, [FromServices] ReturnResult handler, [FromServices] IValidator<ReturnResult.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "return", new ReturnResult.Command(id, input.Version, input.Method), validator, handler.HandleAsync,
            "Đã trả kết quả.", "The result was returned.", ct);

    [HttpPost("tra-lai")]
    public Task<IActionResult> SendBack(long id, SendBackInput input, [FromServices] SendBackStep handler, [FromServices] IValidator<SendBackStep.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "sendback", new SendBackStep.Command(id, input.Version, input.StepId, input.Reason ?? string.Empty), validator, handler.HandleAsync,
            "Đã trả lại hồ sơ cho bước trước để xử lý lại.", "The dossier was sent back to the previous step.", ct);

    [HttpPost("bo-sung-tai-quay")]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public Task<IActionResult> PaperSupplement(long id, PaperSupplementInput input, [FromServices] RecordPaperSupplement handler,
        [FromServices] IValidator<RecordPaperSupplement.Command> validator, CancellationToken ct) =>
        RunAsync(id, "paper-supplement", new RecordPaperSupplement.Command(id, input.Version, input.Received ?? string.Empty, Upload(input.File)), validator,
            handler.HandleAsync, "Đã ghi nhận hồ sơ bổ sung nhận tại quầy; hồ sơ tiếp tục được giải quyết.",
            "The supplement handed in at the desk was recorded; the dossier goes on.", ct);

    [HttpPost("xin-y-kien")]
    public Task<IActionResult> RequestOpinion(long id, OpinionInput input, [FromServices] RequestOpinion handler,
        [FromServices] IValidator<RequestOpinion.Command> validator, CancellationToken ct) =>
        RunAsync(id, "opinion", new RequestOpinion.Command(id, input.Version, input.StepId, input.ToAgencyId ?? 0, input.Question ?? string.Empty,
            input.BudgetDays ?? 0), validator, handler.HandleAsync,
            "Đã gửi đề nghị cho ý kiến; cơ quan được hỏi đã được báo qua thư.", "The request for an opinion was sent; the agency was told by mail.", ct);

    [HttpPost("y-kien/{requestId:long}/tra-loi")]
    public Task<IActionResult> AnswerOpinion(long id, long requestId, AnswerOpinionInput input, [FromServices] AnswerOpinion handler,
        [FromServices] IValidator<AnswerOpinion.Command> validator, CancellationToken ct) =>
        RunAsync(id, $"answer-{requestId}", new AnswerOpinion.Command(id, requestId, input.Version, input.Answer ?? string.Empty), validator,
            handler.HandleAsync, "Đã gửi ý kiến của cơ quan.", "The agency's opinion was sent.", ct);

    [HttpPost("y-kien/{requestId:long}/rut")]
    public Task<IActionResult> WithdrawOpinion(long id, long requestId, VersionInput input, [FromServices] WithdrawOpinion handler,
        [FromServices] IValidator<WithdrawOpinion.Command> validator, CancellationToken ct) =>
        RunAsync(id, "withdraw-opinion", new WithdrawOpinion.Command(id, input.Version, requestId), validator,
            handler.HandleAsync, "Đã rút đề nghị cho ý kiến.", "The request for an opinion was withdrawn.", ct);

    [HttpPost("xin-loi")]
    public Task<IActionResult> Apology(long id, ApologyInput input, [FromServices] IssueApology handler, [FromServices] IValidator<IssueApology.Command> validator,
        CancellationToken ct) =>
        RunAsync(id, "apology", new IssueApology.Command(id, input.Version, input.Reason ?? string.Empty, input.NewDate), validator, handler.HandleAsync,
            "Đã lập phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).", "The apology letter (form 04) was issued.", ct);

    /// <summary>
    /// Binds, validates, acts, and goes back to the page. Invalid input shows the page again with the messages and
    /// what was typed (400); a refused rule or a stale page is shown by the exception filters (409, 403, 404).
    /// </summary>
    private async Task<IActionResult> RunAsync<T>(long id, string form, T command, IValidator<T> validator, Func<T, OfficialContext, CancellationToken, Task> handle,
        string doneVi, string doneEn, CancellationToken ct)
    {
        if (!IsOfficial)
        {
            throw new ActionNotPermittedException("Chỉ cán bộ một cửa, chuyên viên và lãnh đạo phòng được thao tác trên hồ sơ; lãnh đạo và quản trị chỉ xem.",
                "Only the desk, handlers and approvers act on dossiers; leaders and administrators look.");
        }

        var bound = ModelState.IsValid;
        if (!Check(validator, command) || !bound)
        {
            return await RefusedOnTheFormAsync(id, form, StatusCodes.Status400BadRequest, ct);
        }

        try
        {
            await handle(command, Who, ct);
        }
        catch (DomainException refused)
        {
            // A rule the aggregate enforces (a Saturday as the new date, a move the lifecycle forbids): on the same form,
            // with what was typed kept.
            ModelState.AddModelError(form, $"{refused.Vietnamese} / {refused.English}");
            return await RefusedOnTheFormAsync(id, form, StatusCodes.Status409Conflict, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var last = await db.DossierHistory.AsNoTracking().Where(h => h.DossierId == id).OrderByDescending(h => h.At).ThenByDescending(h => h.Id)
                .Select(h => new { h.At, h.ActorName, h.Role, h.Action }).FirstOrDefaultAsync(ct);
            var calendar = await calendars.GetAsync(ct);
            // Who did what, in the page's language (names are names): the official sees why the action no longer applies.
            var who = last is null ? null
                : $"{last.ActorName} ({OfficialsText.Role(last.Role)}), {OfficialsText.Action(last.Action)}, {calendar.ToLocal(last.At):HH:mm dd/MM/yyyy}";
            ModelState.AddModelError(form, who is null
                ? "Hồ sơ vừa được người khác cập nhật trước bạn; trang đã hiện trạng thái mới nhất, hãy xem lại rồi thao tác lại. / Someone else updated this dossier before you; the page now shows its current state: check it, then act again."
                : $"Hồ sơ vừa được cập nhật trước bạn: {who}. Trang đã hiện trạng thái mới nhất, hãy xem lại rồi thao tác lại. / The dossier was updated before you: {who}. The page now shows its current state: check it, then act again.");
            return await RefusedOnTheFormAsync(id, form, StatusCodes.Status409Conflict, ct);
        }

        TempData["Message"] = Localize($"{doneVi} / {doneEn}");
        return Redirect($"/can-bo/ho-so/{id}");
    }

    /// <summary>The dossier page again, as it stands now, with the failed form open and what was typed in it.</summary>
    private async Task<IActionResult> RefusedOnTheFormAsync(long id, string form, int status, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var model = await LoadAsync(id, ct);
        if (model is null)
        {
            return await NotYoursAsync(id, ct);
        }

        Response.StatusCode = status;
        return View("Show", model with { FailedForm = form, Posted = Request.HasFormContentType ? Request.Form.ToDictionary(f => f.Key, f => f.Value.ToString()) : new Dictionary<string, string>() });
    }

    private static OfficialFile? Upload(IFormFile? file) =>
        file is null ? null : new OfficialFile(file.FileName, file.Length, file.OpenReadStream);

    private async Task<bool> CanViewAsync(long id, CancellationToken ct)
    {
        var owner = await db.Dossiers.AsNoTracking().Where(d => d.Id == id && d.Status != DossierStatus.Draft)
            .Select(d => new { d.AgencyId }).SingleOrDefaultAsync(ct);
        // The applicant's own view is the citizen area's; here only the agency, liên thông agencies, leaders and administrators.
        return owner is not null && DossierAccess.CanView(User, owner.AgencyId, null, await DossierGate.HandOffAgenciesAsync(db, id, ct));
    }

    private async Task<DossierPageModel?> LoadAsync(long id, CancellationToken ct)
    {
        if (!await CanViewAsync(id, ct))
        {
            return null;
        }

        var dossier = await db.Dossiers.AsNoTracking()
            .Include(d => d.Documents)
            .Include(d => d.History)
            .Include(d => d.SupplementRequests)
            .Include(d => d.FormData)
            .AsSplitQuery()
            .SingleAsync(d => d.Id == id, ct);
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct);
        var steps = await db.DossierSteps.AsNoTracking().Where(s => s.DossierId == id).OrderBy(s => s.Index).ToListAsync(ct);
        var opinions = await db.OpinionRequests.AsNoTracking().Where(r => r.DossierId == id).OrderBy(r => r.AskedAt).ThenBy(r => r.Id).ToListAsync(ct);
        var agencyIds = steps.Select(s => s.AgencyId).Concat(opinions.Select(o => o.ToAgencyId)).Append(dossier.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var marks = await db.DeadlineMarks.AsNoTracking().Where(m => m.DossierId == id).OrderBy(m => m.At).ToListAsync(ct);
        var who = Who;
        var actions = IsOfficial ? AvailableActions.For(dossier, steps, who, opinions) : AvailableActions.For(dossier, [], who with { Roles = new HashSet<string>() });
        var active = steps.FirstOrDefault(s => s.State == StepState.Active);
        var next = active is null ? null : steps.FirstOrDefault(s => s.Index == active.Index + 1);
        // Another agency's staff and their workloads are that agency's business: its step is assigned there, by load.
        var nextCandidates = actions.CompleteStep && next is not null && Portal.Core.Processing.CompleteStep.MayChooseNext(next, who)
            ? await picker.CandidatesAsync(next.AgencyId, next.Role, ct) : [];
        var reassignCandidates = actions.Reassign && active is not null ? await picker.CandidatesAsync(active.AgencyId, active.Role, ct) : [];
        // The agencies one may ask for an opinion: every active one but one's own (and those merged into it).
        var askable = actions.RequestOpinion
            ? [.. (await db.Agencies.AsNoTracking().Where(x => x.IsActive && x.Id != dossier.AgencyId).Select(x => new AgencyOption(x.Id, x.Name)).ToListAsync(ct))
                .Where(x => !who.ActsFor(x.Id)).OrderBy(x => x.Name, Portal.Core.Text.VietnameseText.Collation)]
            : new List<AgencyOption>();
        var seesAudit = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Leader);
        var trail = seesAudit
            ? await db.AuditTrail.AsNoTracking().Where(a => a.DossierId == id).OrderByDescending(a => a.Id).Take(200).ToListAsync(ct)
            : [];
        var now = time.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var refunds = await db.Payments.AsNoTracking().Where(p => p.DossierId == id && p.RefundDueAt != null).OrderBy(p => p.Id).ToListAsync(ct);
        return new DossierPageModel(dossier, version, agencies, steps, marks, actions, nextCandidates, next, reassignCandidates, trail, seesAudit,
            calendar, now, calendar.AddWorkingMinutes(now, deadlines.Value.WarnBeforeWorkingMinutes), null, new Dictionary<string, string>())
        {
            Opinions = opinions,
            Refunds = refunds,
            AskableAgencies = askable,
            Who = IsOfficial ? who : null,
        };
    }
}

public class VersionInput
{
    public int Version { get; set; }
    public bool StartNow { get; set; }
}

public sealed class AcceptInput : VersionInput
{
    /// <summary>The procedure's documents ticked as received (indexes).</summary>
    public List<int>? Received { get; set; }

    /// <summary>Copies received, by document index.</summary>
    public Dictionary<int, int>? Copies { get; set; }
}

public sealed class ReasonInput : VersionInput
{
    public string? Reason { get; set; }
}

public sealed class SupplementInput : VersionInput
{
    public string? Reason { get; set; }
    public List<string>? Documents { get; set; }
    public string? OtherDocuments { get; set; }

    public IReadOnlyList<string> AllDocuments() =>
        [.. (Documents ?? []).Concat((OtherDocuments ?? string.Empty).Split('\n')).Select(d => d?.Trim() ?? string.Empty).Where(d => d.Length > 0)];
}

public sealed class SendBackInput : VersionInput
{
    public long StepId { get; set; }
    public string? Reason { get; set; }
}

public sealed class OpinionInput : VersionInput
{
    public long StepId { get; set; }
    public int? ToAgencyId { get; set; }
    public string? Question { get; set; }
    public int? BudgetDays { get; set; }
}

/// <summary>The answer form carries the request's version (not the dossier's: the asked agency answers whatever else happened meanwhile).</summary>
public sealed class AnswerOpinionInput : VersionInput
{
    public string? Answer { get; set; }
}

public sealed class PaperSupplementInput : VersionInput
{
    public string? Received { get; set; }
    public IFormFile? File { get; set; }
}

public sealed class StepInput : VersionInput
{
    public long StepId { get; set; }
    public string? Note { get; set; }
    public Guid? NextAssignee { get; set; }
}

public sealed class AssignInput : VersionInput
{
    public long StepId { get; set; }
    public Guid? Assignee { get; set; }
    public string? Note { get; set; }
}

public sealed class PaymentInput : VersionInput
{
    public long? Amount { get; set; }
    public string? Note { get; set; }
}

public sealed class DecideInput : VersionInput
{
    public string? Note { get; set; }
    public ResultMode Result { get; set; } = ResultMode.Generate;
    public IFormFile? File { get; set; }
}

public sealed class FileInput : VersionInput
{
    public IFormFile? File { get; set; }
}

public sealed class ReturnInput : VersionInput
{
    public ResultReturnMethod Method { get; set; } = ResultReturnMethod.AtDesk;
}

public sealed class ApologyInput : VersionInput
{
    public string? Reason { get; set; }
    public DateOnly? NewDate { get; set; }
}

public sealed record DossierPageModel(
    Dossier Dossier,
    Portal.Core.Catalog.ProcedureVersion Version,
    IReadOnlyDictionary<int, string> Agencies,
    IReadOnlyList<DossierStep> Steps,
    IReadOnlyList<DeadlineMark> Marks,
    AvailableActions Actions,
    IReadOnlyList<Candidate> NextCandidates,
    DossierStep? NextStep,
    IReadOnlyList<Candidate> ReassignCandidates,
    IReadOnlyList<AuditEntry> Audit,
    bool SeesAudit,
    WorkingCalendar Calendar,
    DateTime Now,
    DateTime DueSoonHorizon,
    string? FailedForm,
    IReadOnlyDictionary<string, string> Posted)
{
    public DossierStep? ActiveStep => Steps.FirstOrDefault(s => s.State == StepState.Active);

    /// <summary>The requests for other agencies' opinions, in the order asked.</summary>
    public IReadOnlyList<OpinionRequest> Opinions { get; init; } = [];

    /// <summary>Online payments the agency owes back (withdrawn before reception, money for a closed dossier): the desk refunds them.</summary>
    public IReadOnlyList<Portal.Core.Payments.PaymentTransaction> Refunds { get; init; } = [];

    /// <summary>The agencies the step's holder may ask (filled only when asking is available).</summary>
    public IReadOnlyList<AgencyOption> AskableAgencies { get; init; } = [];

    /// <summary>The official looking (null for leaders and administrators, who only look).</summary>
    public OfficialContext? Who { get; init; }

    /// <summary>The answer form for this request, when the official may answer it now.</summary>
    public bool MayAnswer(OpinionRequest request) => Who is { } who && AnswerOpinion.IsAvailable(request, Dossier, who);

    public bool MayWithdraw(OpinionRequest request) => Who is { } who && WithdrawOpinion.IsAvailable(request, Steps, who);

    public bool IsRunning => Dossier.IsClockRunning;

    public bool IsOverdue => Dossier.IsOverdueAt(Now);

    public bool IsDueSoon => Dossier.IsDueSoonAt(Now, DueSoonHorizon);

    public string Local(DateTime? utc, string format = "HH:mm dd/MM/yyyy") =>
        utc is { } v ? Calendar.ToLocal(v).ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>What the official typed into the form that failed, so nothing is lost.</summary>
    public string? Typed(string form, string field) => FailedForm == form && Posted.TryGetValue(field, out var v) ? v : null;
}

/// <summary>The receipt is not there yet: <paramref name="Pending"/> while a worker renders it, else the dossier has none.</summary>
public sealed record ReceiptPendingModel(long DossierId, bool Pending);
