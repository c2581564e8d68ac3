using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Core.Payments;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Citizen.Controllers;

/// <summary>"Hồ sơ của tôi": the list, each dossier's page and timeline, supplement, withdrawal, payment and rating.</summary>
[Area("Citizen")]
[Authorize(Roles = Roles.Citizen)]
[Route("ho-so-cua-toi")]
public sealed class MyDossiersController(PortalDb db, TimeProvider time, OnlinePayment online, Microsoft.Extensions.Options.IOptions<PaymentsOptions> payments) : Controller
{
    private const int PageSize = 20;

    [HttpGet("")]
    public async Task<IActionResult> Index(int trang = 1, CancellationToken ct = default)
    {
        var userId = User.UserId()!.Value;
        var query = db.Dossiers.AsNoTracking().Where(d => d.ApplicantUserId == userId);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(trang, 1, pages);
        var rows = await query.OrderByDescending(d => d.Status == DossierStatus.Draft).ThenByDescending(d => d.UpdatedAt)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Join(db.ProcedureVersions, d => d.ProcedureVersionId, v => v.Id, (d, v) => new MyDossierRow(
                d.Id, d.Code, v.Name, d.Status, d.SubmittedAt, d.PromisedAt, d.DueAt, d.FinishedAt, d.UpdatedAt, d.PausedSince != null))
            .ToListAsync(ct);
        return View(new MyDossiersPage(rows, page, pages, total, time.GetUtcNow().UtcDateTime));
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Show(long id, [FromServices] CalendarProvider calendars, CancellationToken ct)
    {
        var model = await PageAsync(id, ct);
        if (model is null)
        {
            return NotFound();
        }

        if (model.Dossier.Status == DossierStatus.Draft)
        {
            return Redirect($"/nop-ho-so/{id}");
        }

        return View(model with { Calendar = await calendars.GetAsync(ct) });
    }

    [HttpGet("{id:long}/bo-sung")]
    public async Task<IActionResult> Supplement(long id, CancellationToken ct)
    {
        var model = await PageAsync(id, ct);
        return model is null ? NotFound()
            : model.Dossier.OpenSupplementRequest is null ? Redirect($"/ho-so-cua-toi/{id}")
            : View(model);
    }

    [HttpPost("{id:long}/bo-sung")]
    [RequestSizeLimit(FilingController.UploadRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = FilingController.UploadRequestLimit)]
    public async Task<IActionResult> Supplement(long id, string? next, string? reply, [FromServices] UploadDocumentsHandler uploads,
        [FromServices] AnswerSupplementHandler answer, CancellationToken ct)
    {
        var model = await PageAsync(id, ct);
        if (model is null)
        {
            return NotFound();
        }

        var open = model.Dossier.OpenSupplementRequest;
        if (open is null)
        {
            return Redirect($"/ho-so-cua-toi/{id}");
        }

        var problems = new List<UploadProblem>();
        for (var i = 0; i < open.Documents.Count; i++)
        {
            var files = Request.Form.Files.GetFiles($"slot{i}").Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName))
                .Select(f => new UploadedFile(f.FileName, f.Length, f.OpenReadStream)).ToList();
            if (files.Count == 0)
            {
                continue;
            }

            var requirement = model.Version.Documents.FindIndex(r => r.Name == open.Documents[i]);
            problems.AddRange(await uploads.HandleAsync(model.Dossier, DocumentKind.Supplement, requirement >= 0 ? requirement : null, open.Documents[i],
                requirement >= 0 && model.Version.Documents[requirement].AllowDocx, files, User.UserId()!.Value, ct));
        }

        await db.SaveChangesAsync(ct);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError(string.Empty, $"{problem.FileName}: {Bilingual.T(problem.Vietnamese, problem.English)}");
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(model);
        }

        if (next != "nop")
        {
            // A reply typed before "Tải lên" stays in its box (a redirect would drop it).
            return string.IsNullOrWhiteSpace(reply) ? Redirect($"/ho-so-cua-toi/{id}/bo-sung") : View(model);
        }

        // A rule refused (nothing uploaded yet, a reply too long): the same form with the reason and the reply kept, not the error page.
        if (!await ModelState.TryAsync(() => answer.HandleAsync(model.Dossier, User.ToActor(Roles.Citizen), reply, ct)))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(model);
        }

        TempData["Filed"] = Bilingual.T("Đã nộp bổ sung. Hồ sơ tiếp tục được giải quyết.", "The supplement was submitted; the dossier goes on.");
        return Redirect($"/ho-so-cua-toi/{id}");
    }

    [HttpPost("{id:long}/bo-sung/xoa/{documentId:long}")]
    public async Task<IActionResult> RemoveSupplement(long id, long documentId, [FromServices] UploadDocumentsHandler uploads, CancellationToken ct)
    {
        var dossier = await OwnDossiers.FindAsync(db, id, User.UserId()!.Value, ct);
        if (dossier is null || !await uploads.RemoveAsync(dossier, documentId, ct))
        {
            return NotFound();
        }

        return Redirect($"/ho-so-cua-toi/{id}/bo-sung");
    }

    [HttpGet("{id:long}/rut")]
    public async Task<IActionResult> Withdraw(long id, CancellationToken ct)
    {
        var model = await PageAsync(id, ct);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("{id:long}/rut")]
    public async Task<IActionResult> Withdraw(long id, WithdrawInput input, [FromServices] IValidator<WithdrawInput> validator,
        [FromServices] WithdrawDossierHandler withdraw, CancellationToken ct)
    {
        var model = await PageAsync(id, ct);
        if (model is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddErrors(await validator.ValidateAsync(input, ct));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(model);
        }

        await withdraw.HandleAsync(model.Dossier, input, User.ToActor(Roles.Citizen), ct);
        TempData["Filed"] = Bilingual.T("Đã rút hồ sơ theo yêu cầu của bạn.", "The dossier was withdrawn as you asked.");
        return Redirect($"/ho-so-cua-toi/{id}");
    }

    [HttpPost("{id:long}/danh-gia")]
    public async Task<IActionResult> Rate(long id, RatingInput input, [FromServices] IValidator<RatingInput> validator,
        [FromServices] RateDossierHandler rate, [FromServices] CalendarProvider calendars, CancellationToken ct)
    {
        var model = await PageAsync(id, ct);
        if (model is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddErrors(await validator.ValidateAsync(input, ct));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Show), model with { Calendar = await calendars.GetAsync(ct) });
        }

        await rate.HandleAsync(model.Dossier, input, ct);
        TempData["Filed"] = Bilingual.T("Cảm ơn bạn đã đánh giá.", "Thank you for your rating.");
        return Redirect($"/ho-so-cua-toi/{id}");
    }

    [HttpPost("{id:long}/thanh-toan")]
    public async Task<IActionResult> Pay(long id, int fee, [FromServices] StartPaymentHandler start, CancellationToken ct)
    {
        var model = await PageAsync(id, ct);
        if (model is null)
        {
            return NotFound();
        }

        // The gateway's return and notify addresses come from configuration, never from this request's Host.
        var clientAddress = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        return Redirect(await start.HandleAsync(model.Dossier, fee, User.UserId()!.Value, clientAddress, ct));
    }

    private async Task<DossierPage?> PageAsync(long id, CancellationToken ct)
    {
        var dossier = await OwnDossiers.FindAsync(db, id, User.UserId()!.Value, ct);
        if (dossier is null)
        {
            return null;
        }

        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct);
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == dossier.AgencyId, ct);
        var history = await db.DossierHistory.AsNoTracking().Where(h => h.DossierId == id).OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync(ct);
        var paid = await db.Payments.AsNoTracking().Where(p => p.DossierId == id).OrderBy(p => p.Id).ToListAsync(ct);
        return new DossierPage(dossier, version, agency, history, paid, StartPaymentHandler.Payable(dossier, version), online.IsOffered, time.GetUtcNow().UtcDateTime, null)
        {
            WithdrawalFee = dossier.FeeOnWithdrawal(payments.Value.RefundAfterReception),
        };
    }
}

public sealed record MyDossierRow(long Id, string? Code, string Procedure, DossierStatus Status, DateTime? SubmittedAt, DateTime? PromisedAt,
    DateTime? DueAt, DateTime? FinishedAt, DateTime UpdatedAt, bool Paused)
{
    public bool IsOverdue(DateTime now) => Dossier.IsOverdue(Status, DueAt, now);
}

public sealed record MyDossiersPage(IReadOnlyList<MyDossierRow> Rows, int Page, int Pages, int Total, DateTime Now);

public sealed record DossierPage(Dossier Dossier, ProcedureVersion Version, Agency Agency, IReadOnlyList<DossierHistoryEntry> History,
    IReadOnlyList<PaymentTransaction> Payments, IReadOnlyList<PayableFee> Payable, bool PayOnline, DateTime Now, WorkingCalendar? Calendar)
{
    public bool IsOverdue => Dossier.IsOverdueAt(Now);

    /// <summary>What a withdrawal does (or did) with the fee paid: the withdrawal page says it before, the dossier page after.</summary>
    public WithdrawalFee WithdrawalFee { get; init; }

    /// <summary>What was paid online and taken by the dossier (the fee receipts' amounts).</summary>
    public long PaidOnlineVnd => Payments.Where(Taken).Sum(p => p.AmountVnd);

    /// <summary>Paid online and taken by the dossier: numbered receipts, or, before receipts were numbered, those never marked as money to return.</summary>
    public static bool Taken(PaymentTransaction p) => p.Status == PaymentStatus.Paid && (p.ReceiptNumber is not null || p.Note is null);
}
