using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Web.Areas.Admin.Models;
using Portal.Web.Areas.Citizen;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Admin.Controllers;

/// <summary>
/// The catalogue in the administration: search, create, edit as a draft of the next version, preview the draft's e-form as
/// the citizen's own page, publish it at an effective date, choose the agencies that offer it, export a version as a
/// catalogue file and import one. The editor writes a catalogue file and reads it back with <see cref="CatalogueFile.Parse"/>:
/// one set of rules for the editor, the import and the files shipped with the portal.
/// </summary>
[Area("Admin")]
[Authorize(Roles = Roles.Admin)]
[Route("quan-tri/thu-tuc")]
public sealed class ProceduresController(ProcedureCatalogue catalogue, TimeProvider time, IOptions<WorkingTimeOptions> workingTime) : Controller
{
    /// <summary>A catalogue file is a few dozen kilobytes; the 30 shipped ones are at most 20 KB.</summary>
    public const int MaxFileBytes = 512 * 1024;

    private AuditActor Who => AuditTrail.ActorOf(User, HttpContext.Connection.RemoteIpAddress?.ToString());

    private DateOnly Today => CatalogueSync.LocalToday(time, workingTime.Value);

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int? linhvuc, AgencyLevel? cap, CancellationToken ct) =>
        View(new ProcedureListPage(q, linhvuc, cap, await catalogue.SearchAsync(q, linhvuc, cap, ct), await catalogue.SectorsAsync(ct)));

    [HttpGet("moi")]
    public async Task<IActionResult> New(CancellationToken ct) =>
        View("Editor", await EditorAsync(null, new ProcedureEditorInput { EffectiveFrom = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }.WithBlankRows(), ct));

    [HttpPost("moi")]
    public async Task<IActionResult> New(ProcedureEditorInput input, string? more, [FromServices] SaveProcedureDraft save, CancellationToken ct)
    {
        input.Compact();
        if (MoreRows(more))
        {
            return View("Editor", await EditorAsync(null, input.WithBlankRows(more), ct));
        }

        var offeredAt = input.OfferEverywhere && !string.IsNullOrWhiteSpace(input.Level) ? new JsonObject { ["level"] = input.Level.Trim() } : null;
        var id = 0;
        if (Read(input, offeredAt) is { } definition && await TryAsync(async () => id = await save.HandleAsync(null, definition, addOffers: true, Who, ct)))
        {
            TempData["Message"] = Bilingual.T($"Đã lưu bản nháp thủ tục {definition.Code}. Xem trước tờ khai, rồi công bố khi đã sẵn sàng.",
                $"The draft of procedure {definition.Code} was saved. Preview its form, then publish it when it is ready.");
            return Redirect($"/quan-tri/thu-tuc/{id}/ban-nhap");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Editor", await EditorAsync(null, input.WithBlankRows(), ct));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken ct) =>
        await catalogue.DetailsAsync(id, Today, ct) is { } details ? View(new ProcedurePage(details, Today)) : NotFound();

    [HttpGet("{id:int}/ban-nhap")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        if (await catalogue.DetailsAsync(id, Today, ct) is not { } details)
        {
            return NotFound();
        }

        var procedure = details.Procedure;
        var source = procedure.Draft ?? procedure.VersionInForce(Today) ?? procedure.Versions.MaxBy(v => v.Number)!;
        var definition = (await catalogue.DefinitionAsync(id, source.Number, ct))!;
        var input = ProcedureEditorInput.From(definition);
        if (source.State == ProcedureVersionState.Published)
        {
            // The next version starts from the one in force; its date is chosen again.
            input.EffectiveFrom = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return View("Editor", await EditorAsync(details, input.WithBlankRows(), ct));
    }

    [HttpPost("{id:int}/ban-nhap")]
    public async Task<IActionResult> Edit(int id, ProcedureEditorInput input, string? more, [FromServices] SaveProcedureDraft save, CancellationToken ct)
    {
        if (await catalogue.DetailsAsync(id, Today, ct) is not { } details)
        {
            return NotFound();
        }

        // What cannot change between versions comes from the procedure, not from the post.
        var procedure = details.Procedure;
        input.Code = procedure.Code;
        input.SectorCode = details.Sector.Code;
        input.SectorName = details.Sector.Name;
        input.Level = ProcedureText.LevelKey(procedure.Level);
        input.Compact();
        if (MoreRows(more))
        {
            return View("Editor", await EditorAsync(details, input.WithBlankRows(more), ct));
        }

        if (Read(input, null) is { } definition && await TryAsync(() => save.HandleAsync(id, definition, addOffers: false, Who, ct)))
        {
            TempData["Message"] = Bilingual.T("Đã lưu bản nháp. Bản xem trước bên cạnh là tờ khai người dân sẽ thấy.",
                "The draft was saved. The preview beside it is the form citizens will see.");
            return Redirect($"/quan-tri/thu-tuc/{id}/ban-nhap");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Editor", await EditorAsync(details, input.WithBlankRows(), ct));
    }

    [HttpGet("{id:int}/ban-nhap/xem-truoc")]
    public async Task<IActionResult> Preview(int id, CancellationToken ct) =>
        await catalogue.DetailsAsync(id, Today, ct) is { Procedure.Draft: { } draft } details
            ? View(new ProcedurePreviewPage(details.Procedure, draft, FormAnswers.Parse(null), false))
            : NotFound();

    /// <summary>Checks answers typed into the preview with the draft's own rules, as filing would; nothing is stored.</summary>
    [HttpPost("{id:int}/ban-nhap/xem-truoc")]
    public async Task<IActionResult> Preview(int id, [FromServices] CalendarProvider calendars, CancellationToken ct)
    {
        if (await catalogue.DetailsAsync(id, Today, ct) is not { Procedure.Draft: { } draft } details)
        {
            return NotFound();
        }

        var answers = FormAnswers.FromInput(draft.Form, key => Request.Form["f." + key].FirstOrDefault());
        var today = (await calendars.GetAsync(ct)).LocalDate(time.GetUtcNow().UtcDateTime);
        ModelState.Clear();
        ModelState.AddErrors(await FormValidator.For(draft).CheckAsync(answers, today, ct), "f.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(new ProcedurePreviewPage(details.Procedure, draft, answers, ModelState.IsValid));
    }

    [HttpPost("{id:int}/ban-nhap/cong-bo")]
    public async Task<IActionResult> Publish(int id, DateOnly? effectiveFrom, [FromServices] PublishProcedureDraft publish, CancellationToken ct)
    {
        var number = 0;
        if (await TryAsync(async () => number = await publish.HandleAsync(id, effectiveFrom, Who, ct)))
        {
            TempData["Message"] = Bilingual.T($"Đã công bố phiên bản {number}, có hiệu lực từ {effectiveFrom:dd/MM/yyyy}. Hồ sơ đã nộp giữ phiên bản cũ.",
                $"Version {number} was published, in force from {effectiveFrom:dd/MM/yyyy}. Dossiers already filed keep their version.");
            return Redirect($"/quan-tri/thu-tuc/{id}");
        }

        return await RedisplayAsync(id, effectiveFrom, ct);
    }

    [HttpPost("{id:int}/ban-nhap/huy")]
    public async Task<IActionResult> Discard(int id, [FromServices] DiscardProcedureDraft discard, CancellationToken ct)
    {
        var removed = false;
        if (await TryAsync(async () => removed = await discard.HandleAsync(id, Who, ct)))
        {
            TempData["Message"] = removed
                ? Bilingual.T("Đã hủy bản nháp; thủ tục chưa từng công bố nên được xóa khỏi danh mục.", "The draft was discarded; the procedure was never published and is gone from the catalogue.")
                : Bilingual.T("Đã hủy bản nháp; phiên bản đang áp dụng không đổi.", "The draft was discarded; the version in force is unchanged.");
            return Redirect(removed ? "/quan-tri/thu-tuc" : $"/quan-tri/thu-tuc/{id}");
        }

        return await RedisplayAsync(id, null, ct);
    }

    [HttpPost("{id:int}/co-quan")]
    public async Task<IActionResult> Offers(int id, int[] agencyIds, bool all, [FromServices] SetProcedureOffers offers, CancellationToken ct)
    {
        if (await catalogue.DetailsAsync(id, Today, ct) is not { } details)
        {
            return NotFound();
        }

        IReadOnlyCollection<int> chosen = all ? [.. details.Choices.Select(c => c.Id)] : agencyIds;
        SetProcedureOffers.Result? result = null;
        if (await TryAsync(async () => result = await offers.HandleAsync(id, chosen, Who, ct)) && result is not null)
        {
            TempData["Message"] = Bilingual.T($"Đã lưu nơi thực hiện: thêm {result.Added}, bỏ {result.Withdrawn} cơ quan. Hồ sơ đã nộp vẫn do cơ quan đã nhận giải quyết.",
                $"Where it is offered was saved: {result.Added} agencies added, {result.Withdrawn} withdrawn. Dossiers already filed stay with the agency that received them.");
            return Redirect($"/quan-tri/thu-tuc/{id}");
        }

        return await RedisplayAsync(id, null, ct);
    }

    [HttpGet("{id:int}/phien-ban/{number:int}/tai-ve")]
    public async Task<IActionResult> Export(int id, int number, CancellationToken ct)
    {
        if (await catalogue.DefinitionAsync(id, number, ct) is not { } definition)
        {
            return NotFound();
        }

        return File(Encoding.UTF8.GetBytes(CatalogueFile.Export(definition)), "application/json", ProcedureCatalogue.FileName(definition.Code, number));
    }

    [HttpGet("nhap")]
    public IActionResult Import() => View(new ProcedureImportPage(null, []));

    /// <summary>
    /// A catalogue file becomes a draft: of a new procedure (offered where the file says), or the next version of the
    /// procedure with its code. Nothing is in force until the administrator looks at it and publishes it.
    /// </summary>
    [HttpPost("nhap")]
    [RequestSizeLimit(MaxFileBytes + (64 * 1024))]
    public async Task<IActionResult> Import(IFormFile? file, [FromServices] SaveProcedureDraft save, CancellationToken ct)
    {
        var errors = new List<string>();
        if (file is null || file.Length == 0)
        {
            errors.Add(Bilingual.T("Chọn một tệp danh mục (.json) để nhập.", "Choose a catalogue file (.json) to import."));
        }
        else if (file.Length > MaxFileBytes)
        {
            errors.Add(Bilingual.T($"Tệp lớn hơn {MaxFileBytes / 1024} KB; một tệp danh mục mô tả một thủ tục.",
                $"The file is larger than {MaxFileBytes / 1024} KB; a catalogue file describes one procedure."));
        }
        else
        {
            string json;
            using (var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true)))
            {
                try
                {
                    json = await reader.ReadToEndAsync(ct);
                }
                catch (DecoderFallbackException)
                {
                    json = string.Empty;
                    errors.Add(Bilingual.T("Tệp không phải văn bản UTF-8; tệp danh mục là JSON mã hóa UTF-8.", "The file is not UTF-8 text; a catalogue file is JSON in UTF-8."));
                }
            }

            if (errors.Count == 0)
            {
                var result = CatalogueFile.Parse(Path.GetFileName(file.FileName), json);
                if (result.Definition is not { } definition)
                {
                    errors.AddRange(result.Errors.Select(e => e.Describe(!Bilingual.IsEnglish)));
                }
                else
                {
                    var existing = await catalogue.FindAsync(definition.Code, ct);
                    var id = 0;
                    if (await TryAsync(async () => id = await save.HandleAsync(existing, definition, addOffers: true, Who, ct)))
                    {
                        TempData["Message"] = existing is null
                            ? Bilingual.T($"Đã nhập thủ tục mới {definition.Code} dưới dạng bản nháp. Kiểm tra rồi công bố.", $"The new procedure {definition.Code} was imported as a draft. Check it, then publish it.")
                            : Bilingual.T($"Đã nhập phiên bản mới của thủ tục {definition.Code} dưới dạng bản nháp. Kiểm tra rồi công bố.", $"A new version of procedure {definition.Code} was imported as a draft. Check it, then publish it.");
                        return Redirect($"/quan-tri/thu-tuc/{id}");
                    }

                    errors.AddRange(ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
                    ModelState.Clear();
                }
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(new ProcedureImportPage(file?.FileName, errors));
    }

    /// <summary>The definition the input describes, or null with each error of the file's reader on the page, in the reader's language.</summary>
    private CatalogueDefinition? Read(ProcedureEditorInput input, JsonNode? offeredAt)
    {
        var result = CatalogueFile.Parse("editor", input.ToCatalogueJson(offeredAt));
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Path, $"{ProcedureText.Where(error.Path)}: {Bilingual.T(error.MessageVi, error.Message)}");
        }

        return result.Definition;
    }

    /// <summary>
    /// "More rows" posts the whole editor so that nothing typed is lost; the page comes back with the blank rows and
    /// nothing is checked or stored until "Save the draft".
    /// </summary>
    private bool MoreRows(string? more)
    {
        if (more is null || !ProcedureEditorInput.Sections.Contains(more))
        {
            return false;
        }

        ModelState.Clear();
        return true;
    }

    private async Task<ProcedureEditorPage> EditorAsync(ProcedureCatalogue.Details? details, ProcedureEditorInput input, CancellationToken ct) =>
        new(details, input, await catalogue.SectorsAsync(ct), await catalogue.AgencyCodesAsync(ct));

    private async Task<IActionResult> RedisplayAsync(int id, DateOnly? effectiveFrom, CancellationToken ct)
    {
        if (await catalogue.DetailsAsync(id, Today, ct) is not { } details)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Show), new ProcedurePage(details, Today, effectiveFrom));
    }

    private Task<bool> TryAsync(Func<Task> action) => ModelState.TryAsync(action);
}
