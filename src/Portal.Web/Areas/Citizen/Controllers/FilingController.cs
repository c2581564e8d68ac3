using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Citizen.Controllers;

/// <summary>
/// The filing wizard, one thing per screen: applicant → e-form → documents → check → submit. Every step saves the
/// draft, so it can be resumed from "Hồ sơ của tôi" on any device.
/// </summary>
[Area("Citizen")]
[Authorize(Roles = Roles.Citizen)]
[Route("nop-ho-so")]
public sealed class FilingController(PortalDb db, IValidator<ApplicantInput> applicantValidator) : Controller
{
    /// <summary>Large enough for a dossier's worth of files; each file is checked against the configured limits.</summary>
    public const long UploadRequestLimit = 64L * 1024 * 1024;

    [HttpPost("bat-dau")]
    public async Task<IActionResult> Start(int procedureId, int agencyId, [FromServices] StartDraftHandler start, CancellationToken ct)
    {
        if (agencyId == 0)
        {
            // The list starts on "choose" (no ward is chosen for the citizen): back to it, saying what to do.
            TempData["StartRefused"] = Bilingual.T("Vui lòng chọn nơi nộp hồ sơ (phường, xã hoặc cơ quan giải quyết) rồi bấm \"Nộp hồ sơ trực tuyến\".",
                "Please choose where to file (the ward, commune or agency), then press \"File online\".");
            return Redirect($"/thu-tuc/{procedureId}#agencyId");
        }

        var id = await start.HandleAsync(new StartDraftCommand(procedureId, agencyId, User.UserId()!.Value), ct);
        return RedirectToAction(nameof(Applicant), new { id });
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Resume(long id, CancellationToken ct)
    {
        var (dossier, version) = await LoadAsync(id, ct);
        if (dossier is null || version is null)
        {
            return NotFound();
        }

        return dossier.Status != DossierStatus.Draft
            ? Redirect($"/ho-so-cua-toi/{id}")
            : Redirect($"/nop-ho-so/{id}/{DraftGaps.Of(dossier, version).FirstStep}");
    }

    [HttpGet("{id:long}/nguoi-nop")]
    public async Task<IActionResult> Applicant(long id, CancellationToken ct)
    {
        var (dossier, version) = await LoadAsync(id, ct);
        return dossier is null || version is null ? NotFound()
            : dossier.Status != DossierStatus.Draft ? Redirect($"/ho-so-cua-toi/{id}")
            : View(await WizardAsync(dossier, version, 1, ct) with { Applicant = ApplicantInput.From(dossier.Applicant) });
    }

    [HttpPost("{id:long}/nguoi-nop")]
    public async Task<IActionResult> Applicant(long id, ApplicantInput input, [FromServices] SaveApplicantHandler save, CancellationToken ct)
    {
        var (dossier, version) = await LoadAsync(id, ct);
        if (dossier is null || version is null)
        {
            return NotFound();
        }

        if (dossier.Status != DossierStatus.Draft)
        {
            return Redirect($"/ho-so-cua-toi/{id}");
        }

        var clean = input.Normalized();
        ModelState.Clear();
        ModelState.AddErrors(await applicantValidator.ValidateAsync(clean, ct), "Applicant.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await WizardAsync(dossier, version, 1, ct) with { Applicant = clean });
        }

        await save.HandleAsync(dossier, clean, ct);
        return RedirectToAction(nameof(Form), new { id });
    }

    [HttpGet("{id:long}/to-khai")]
    public async Task<IActionResult> Form(long id, CancellationToken ct)
    {
        var (dossier, version) = await LoadAsync(id, ct);
        return dossier is null || version is null ? NotFound()
            : dossier.Status != DossierStatus.Draft ? Redirect($"/ho-so-cua-toi/{id}")
            : View(await WizardAsync(dossier, version, 2, ct) with { Answers = FormAnswers.Parse(dossier.FormData?.Json ?? Prefill(dossier, version)) });
    }

    [HttpPost("{id:long}/to-khai")]
    public async Task<IActionResult> Form(long id, [FromServices] TimeProvider time, [FromServices] Portal.Core.Calendar.CalendarProvider calendars, CancellationToken ct)
    {
        var (dossier, version) = await LoadAsync(id, ct);
        if (dossier is null || version is null)
        {
            return NotFound();
        }

        if (dossier.Status != DossierStatus.Draft)
        {
            return Redirect($"/ho-so-cua-toi/{id}");
        }

        var answers = FormAnswers.FromInput(version.Form, key => Request.Form["f." + key].FirstOrDefault());
        // Saved even when incomplete: nothing typed is lost, and the check page lists what is missing.
        dossier.SetFormData(answers.ToJson(), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        ModelState.Clear();
        var today = (await calendars.GetAsync(ct)).LocalDate(time.GetUtcNow().UtcDateTime);
        ModelState.AddErrors(await FormValidator.For(version).CheckAsync(answers, today, ct), "f.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await WizardAsync(dossier, version, 2, ct) with { Answers = answers });
        }

        return RedirectToAction(nameof(Documents), new { id });
    }

    [HttpGet("{id:long}/giay-to")]
    public async Task<IActionResult> Documents(long id, CancellationToken ct)
    {
        var (dossier, version) = await LoadAsync(id, ct);
        return dossier is null || version is null ? NotFound()
            : dossier.Status != DossierStatus.Draft ? Redirect($"/ho-so-cua-toi/{id}")
            : View(await WizardAsync(dossier, version, 3, ct));
    }

    [HttpPost("{id:long}/giay-to")]
    [RequestSizeLimit(UploadRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
    public async Task<IActionResult> Documents(long id, string? next, [FromServices] UploadDocumentsHandler uploads, CancellationToken ct)
    {
        var (dossier, version) = await LoadAsync(id, ct);
        if (dossier is null || version is null)
        {
            return NotFound();
        }

        if (dossier.Status != DossierStatus.Draft)
        {
            return Redirect($"/ho-so-cua-toi/{id}");
        }

        var problems = new List<UploadProblem>();
        for (var i = 0; i < version.Documents.Count; i++)
        {
            var files = Request.Form.Files.GetFiles($"slot{i}").Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName))
                .Select(f => new UploadedFile(f.FileName, f.Length, f.OpenReadStream)).ToList();
            if (files.Count > 0)
            {
                problems.AddRange(await uploads.HandleAsync(dossier, DocumentKind.Submitted, i, version.Documents[i].Name, version.Documents[i].AllowDocx,
                    files, User.UserId()!.Value, ct));
            }
        }

        await db.SaveChangesAsync(ct);
        var gaps = DraftGaps.Of(dossier, version);
        if (problems.Count > 0 || (next == "tiep" && gaps.Documents.Count > 0))
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError(string.Empty, $"{problem.FileName}: {Bilingual.T(problem.Vietnamese, problem.English)}");
            }

            if (problems.Count == 0)
            {
                foreach (var gap in gaps.Documents)
                {
                    ModelState.AddModelError(string.Empty, Bilingual.Pick(gap));
                }
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await WizardAsync(dossier, version, 3, ct));
        }

        return next == "tiep" ? RedirectToAction(nameof(Review), new { id }) : RedirectToAction(nameof(Documents), new { id });
    }

    [HttpPost("{id:long}/giay-to/xoa/{documentId:long}")]
    public async Task<IActionResult> RemoveDocument(long id, long documentId, [FromServices] UploadDocumentsHandler uploads, CancellationToken ct)
    {
        var (dossier, _) = await LoadAsync(id, ct);
        if (dossier is null || !await uploads.RemoveAsync(dossier, documentId, ct))
        {
            return NotFound();
        }

        return RedirectToAction(nameof(Documents), new { id });
    }

    [HttpPost("{id:long}/xoa")]
    public async Task<IActionResult> Discard(long id, [FromServices] DiscardDraftHandler discard, CancellationToken ct)
    {
        var dossier = await OwnDossiers.FindAsync(db, id, User.UserId()!.Value, ct);
        if (dossier is null)
        {
            return NotFound();
        }

        if (!DiscardDraftHandler.IsAvailable(dossier))
        {
            return Redirect($"/ho-so-cua-toi/{id}");
        }

        await discard.HandleAsync(dossier, ct);
        TempData["Message"] = Bilingual.T("Đã xóa bản nháp và các tệp của nó.", "The draft and its files were deleted.");
        return Redirect("/ho-so-cua-toi");
    }

    [HttpGet("{id:long}/kiem-tra")]
    public async Task<IActionResult> Review(long id, CancellationToken ct)
    {
        var (dossier, version) = await LoadAsync(id, ct);
        return dossier is null || version is null ? NotFound()
            : dossier.Status != DossierStatus.Draft ? Redirect($"/ho-so-cua-toi/{id}")
            : View(await WizardAsync(dossier, version, 4, ct) with { Answers = FormAnswers.Parse(dossier.FormData?.Json) });
    }

    [HttpPost("{id:long}/nop")]
    public async Task<IActionResult> Submit(long id, [FromServices] SubmitDossierHandler submit, CancellationToken ct)
    {
        var result = await submit.HandleAsync(id, User.UserId()!.Value, User.ToActor(Roles.Citizen), ct);
        if (result is null)
        {
            return NotFound();
        }

        if (result.Incomplete is { } draft)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ModelState.AddModelError(string.Empty, Bilingual.T("Hồ sơ chưa đủ thông tin. Vui lòng hoàn thành các mục được đánh dấu bên dưới.",
                "The dossier is not complete. Please finish the items marked below."));
            return View(nameof(Review), await WizardAsync(draft.Dossier, draft.Version, 4, ct) with { Answers = FormAnswers.Parse(draft.Dossier.FormData?.Json) });
        }

        TempData["Filed"] = result.AlreadySubmitted
            ? Bilingual.T($"Hồ sơ này đã được nộp trước đó với mã {result.Code}; không tạo hồ sơ mới.", $"This dossier was already filed as {result.Code}; no new dossier was created.")
            : Bilingual.T($"Đã nộp hồ sơ thành công. Mã hồ sơ của bạn là {result.Code}.", $"Your dossier was filed. Its code is {result.Code}.");
        return Redirect($"/ho-so-cua-toi/{id}");
    }

    private async Task<(Dossier? Dossier, ProcedureVersion? Version)> LoadAsync(long id, CancellationToken ct)
    {
        var dossier = await OwnDossiers.FindAsync(db, id, User.UserId()!.Value, ct);
        if (dossier is null)
        {
            return (null, null);
        }

        return (dossier, await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct));
    }

    private async Task<WizardPage> WizardAsync(Dossier dossier, ProcedureVersion version, int step, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == dossier.AgencyId).Select(a => a.Name).SingleAsync(ct);
        return new WizardPage(dossier, version, agency, step, DraftGaps.Of(dossier, version), ApplicantInput.From(dossier.Applicant), FormAnswers.Parse(null));
    }

    /// <summary>The profile fills what it knows: contact fields of the form take the account's phone, email and address.</summary>
    private static string Prefill(Dossier dossier, ProcedureVersion version)
    {
        var a = dossier.Applicant;
        return FormAnswers.FromInput(version.Form, key => version.Form.First(f => f.Key == key).Type switch
        {
            FormFieldType.Phone => a.Phone,
            FormFieldType.Email => a.Email,
            FormFieldType.Address when key.Contains("contact", StringComparison.Ordinal) || key.Contains("residence", StringComparison.Ordinal) => a.Address,
            FormFieldType.TaxCode when a.Kind == ApplicantKind.Business => a.IdNumber,
            _ => null,
        }).ToJson();
    }
}

public sealed record WizardPage(Dossier Dossier, ProcedureVersion Version, string AgencyName, int Step, DraftGaps Gaps, ApplicantInput Applicant, FormAnswers Answers);
