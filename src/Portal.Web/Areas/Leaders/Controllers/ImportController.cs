using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Exchange;
using Portal.Core.Statistics;
using Portal.Core.Text;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Leaders.Controllers;

public sealed record ImportHome(IReadOnlyList<ImportRun> Runs, StatisticsCatalog Catalog, LeaderReach Reach, DateOnly Today);

public sealed record ImportRunPage(ImportRun Run, IReadOnlyList<ImportRowError> Errors, int ErrorCount);

/// <summary>
/// Import of legacy exchange files (/lanh-dao/nhap-du-lieu): upload, a Hangfire job, its progress, the per-row error report.
/// An agency leader imports and sees only their agency's runs.
/// </summary>
[Route("lanh-dao/nhap-du-lieu")]
public sealed class ImportController(PortalDb db, StartImportHandler start, IValidator<StartImport> validator) : LeaderController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await HomeAsync(ct));

    [HttpPost("")]
    [RequestSizeLimit(StartImportValidator.MaxBytes + (1024 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = StartImportValidator.MaxBytes + (1024 * 1024))]
    public async Task<IActionResult> Upload(IFormFile? tep, CancellationToken ct)
    {
        if (tep is null)
        {
            ModelState.AddModelError("tep", Bilingual.T("Chọn tệp CSV cần nhập.", "Choose the CSV file to import."));
            Response.StatusCode = 400;
            return View("Index", await HomeAsync(ct));
        }

        await using var stream = tep.OpenReadStream();
        var command = new StartImport(stream, tep.FileName, tep.Length, Reach.AgencyId, Reach.UserId, Reach.Name);
        var result = await validator.ValidateAsync(command, ct);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("tep", error.ErrorMessage);
            }

            Response.StatusCode = 400;
            return View("Index", await HomeAsync(ct));
        }

        var id = await start.HandleAsync(command, ct);
        return Redirect($"/lanh-dao/nhap-du-lieu/{id}");
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Run(Guid id, CancellationToken ct)
    {
        var run = await VisibleRunAsync(id, ct);
        if (run is null)
        {
            return NotFound();
        }

        var errors = db.ImportRowErrors.AsNoTracking().Where(e => e.ImportRunId == id);
        return View(new ImportRunPage(run, await errors.OrderBy(e => e.RowNumber).Take(100).ToListAsync(ct), await errors.CountAsync(ct)));
    }

    [HttpGet("{id:guid}/trang-thai")]
    public async Task<IActionResult> Status(Guid id, CancellationToken ct)
    {
        var run = await VisibleRunAsync(id, ct);
        return run is null ? NotFound() : Json(new
        {
            status = run.Status.ToString(),
            run.TotalRows,
            run.ProcessedRows,
            run.ImportedRows,
            run.UnchangedRows,
            run.ErrorRows,
            done = run.IsDone,
            text = ProgressText(run),
        });
    }

    [HttpGet("{id:guid}/loi.csv")]
    public async Task<IActionResult> Errors(Guid id, CancellationToken ct)
    {
        var run = await VisibleRunAsync(id, ct);
        if (run is null)
        {
            return NotFound();
        }

        var errors = await db.ImportRowErrors.AsNoTracking().Where(e => e.ImportRunId == id).OrderBy(e => e.RowNumber).ToListAsync(ct);
        var text = new StringBuilder();
        text.Append(SpreadsheetText.CsvLine(["Dong", "MaHoSo", "Loi", "Error"])).Append("\r\n");
        if (run.Status == ImportStatus.Rejected)
        {
            text.Append(SpreadsheetText.CsvLine([1, string.Empty, run.Message, run.MessageEn])).Append("\r\n");
        }

        // The codes are the cells of the uploaded file as they came (an "=HYPERLINK(…)" too): the rule of SpreadsheetText keeps them text.
        foreach (var e in errors)
        {
            text.Append(SpreadsheetText.CsvLine([e.RowNumber, e.Code, e.Message, e.MessageEn])).Append("\r\n");
        }

        return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())], "text/csv; charset=utf-8", $"loi-nhap-{id:N}.csv");
    }

    public static string ProgressText(ImportRun run) => run.Status switch
    {
        ImportStatus.Queued => Bilingual.T("Đang chờ xử lý…", "Waiting to start…"),
        ImportStatus.Running => Bilingual.T($"Đã xử lý {Fmt.Count(run.ProcessedRows)}/{Fmt.Count(run.TotalRows)} dòng: {Fmt.Count(run.ImportedRows)} nhập mới, {Fmt.Count(run.UnchangedRows)} đã có, {Fmt.Count(run.ErrorRows)} lỗi.",
            $"{Fmt.Count(run.ProcessedRows)} of {Fmt.Count(run.TotalRows)} rows done: {Fmt.Count(run.ImportedRows)} imported, {Fmt.Count(run.UnchangedRows)} already there, {Fmt.Count(run.ErrorRows)} with errors."),
        ImportStatus.Completed => Bilingual.T($"Hoàn thành: {Fmt.Count(run.TotalRows)} dòng, {Fmt.Count(run.ImportedRows)} nhập mới, {Fmt.Count(run.UnchangedRows)} đã có sẵn (không thay đổi), {Fmt.Count(run.ErrorRows)} dòng lỗi.",
            $"Done: {Fmt.Count(run.TotalRows)} rows, {Fmt.Count(run.ImportedRows)} imported, {Fmt.Count(run.UnchangedRows)} already there (unchanged), {Fmt.Count(run.ErrorRows)} rows with errors."),
        _ => Bilingual.T("Tệp bị từ chối: " + run.Message, "The file was rejected: " + run.MessageEn),
    };

    private async Task<ImportRun?> VisibleRunAsync(Guid id, CancellationToken ct)
    {
        var run = await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return run is null || (!Reach.IsProvince && run.AgencyId != Reach.AgencyId) ? null : run;
    }

    private async Task<ImportHome> HomeAsync(CancellationToken ct)
    {
        var runs = db.ImportRuns.AsNoTracking();
        if (!Reach.IsProvince)
        {
            runs = runs.Where(r => r.AgencyId == Reach.AgencyId);
        }

        return new ImportHome(await runs.OrderByDescending(r => r.CreatedAt).Take(20).ToListAsync(ct), await StatisticsCatalog.LoadAsync(db, ct), Reach, Today);
    }
}
