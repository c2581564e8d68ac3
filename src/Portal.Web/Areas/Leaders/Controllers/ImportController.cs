using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Exchange;
using Portal.Core.Statistics;
using Portal.Core.Text;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Leaders.Controllers;

public sealed record ImportHome(IReadOnlyList<ImportRun> Runs, StatisticsCatalog Catalog, LeaderReach Reach, DateOnly Today, WorkingCalendar Calendar,
    IReadOnlyList<ImportCodes.Pair> Codes);

/// <param name="Linked">The run's dossiers carry its id, so the summary's counts can open them.</param>
public sealed record ImportRunPage(ImportRun Run, IReadOnlyList<ImportRowError> Errors, int ErrorCount, WorkingCalendar Calendar, bool Linked);

/// <summary>A sentence of an import's summary in the page's language, its counts ({0}, {1}, …) links to their dossiers where known.</summary>
public sealed record ImportWarning(string Format, IReadOnlyList<ImportWarning.Part> Counts)
{
    public sealed record Part(string Text, string? Href);

    public Microsoft.AspNetCore.Html.IHtmlContent Html()
    {
        var html = new Microsoft.AspNetCore.Html.HtmlContentBuilder();
        var pieces = System.Text.RegularExpressions.Regex.Split(Format, @"\{(\d)\}");
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i % 2 == 0)
            {
                html.Append(pieces[i]);
                continue;
            }

            var part = Counts[int.Parse(pieces[i], CultureInfo.InvariantCulture)];
            if (part.Href is null)
            {
                html.Append(part.Text);
            }
            else
            {
                html.AppendHtml("<a class=\"text-nowrap\" href=\"").Append(part.Href).AppendHtml("\">").Append(part.Text).AppendHtml("</a>");
            }
        }

        return html;
    }
}

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
    [RequestSizeLimit(StartImportValidator.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = StartImportValidator.MaxRequestBytes)]
    [TooLargeUpload]
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
                ModelState.AddModelError("tep", Bilingual.Pick(error.ErrorMessage));
            }

            Response.StatusCode = result.Errors.Any(e => e.ErrorMessage == StartImportValidator.TooLarge) ? 413 : 400;
            return View("Index", await HomeAsync(ct));
        }

        var (id, refusal) = await start.HandleAsync(command, ct);
        if (refusal is not null)
        {
            ModelState.AddModelError("tep", Bilingual.T(refusal.Vietnamese, refusal.English));
            Response.StatusCode = 400;
            return View("Index", await HomeAsync(ct));
        }

        return Redirect($"/lanh-dao/nhap-du-lieu/{id}");
    }

    /// <summary>The valid code pairs as CSV: what a legacy file's MaTTHC and MaCoQuan may be, for this leader.</summary>
    [HttpGet("ma.csv")]
    public async Task<IActionResult> Codes(CancellationToken ct)
    {
        var text = new StringBuilder();
        text.Append(SpreadsheetText.CsvLine(["MaCoQuan", "TenCoQuan", "MaTTHC", "TenThuTuc"])).Append("\r\n");
        foreach (var pair in await ImportCodes.LoadAsync(db, Reach.AgencyId, ct))
        {
            text.Append(SpreadsheetText.CsvLine([pair.AgencyCode, pair.AgencyName, pair.ProcedureCode, pair.ProcedureName])).Append("\r\n");
        }

        return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())], "text/csv; charset=utf-8", "ma-co-quan-thu-tuc.csv");
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
        var linked = run.ImportedRows > 0 && await db.Dossiers.AnyAsync(d => d.ImportRunId == id, ct);
        return View(new ImportRunPage(run, await errors.OrderBy(e => e.RowNumber).Take(100).ToListAsync(ct), await errors.CountAsync(ct),
            await HttpContext.RequestServices.GetRequiredService<CalendarProvider>().GetAsync(ct), linked));
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

    /// <summary>
    /// The summary's warnings: what the imported dossiers do to the figures (digitisation, carried over, overdue). Each count
    /// is a link to exactly the dossiers it counts (this import's, through <see cref="Portal.Core.Dossiers.Dossier.ImportRunId"/>)
    /// when <paramref name="linked"/>; runs from before dossiers carried their run have plain counts.
    /// </summary>
    public static IReadOnlyList<ImportWarning> Warnings(ImportRun run, bool linked)
    {
        var t = run.Tally;
        var scope = run.AgencyId is { } agency ? new StatisticsScope(agency, null, null) : StatisticsScope.Province;
        var warnings = new List<ImportWarning>();
        ImportWarning.Part Count(int count, Figure figure, Period period, DateOnly? receivedBefore = null) => new(Fmt.Count(count),
            linked ? "/lanh-dao/ho-so" + StatisticsQuery.Link(period, scope, [("chi-so", figure.ToString()), .. DossiersController.ImportFilters(run.Id, receivedBefore)]) : null);

        if (t.Received > 0 && t.FirstReceivedOn is { } first && t.LastReceivedOn is { } last)
        {
            var span = first.Year == last.Year && first.Month == last.Month ? Month(first) : $"{Month(first)} – {Month(last)}";
            warnings.Add(new(Bilingual.T(
                $"Số hóa: định dạng trao đổi không có cột số hóa hồ sơ, nên {{0}} hồ sơ đã nhập (tiếp nhận từ {Fmt.Date(first)} đến {Fmt.Date(last)}) được tính là chưa số hóa: tỷ lệ số hóa của các kỳ {span} giảm theo.",
                $"Digitisation: the exchange format has no column for digitised dossiers, so the {{0}} dossiers imported (received from {Fmt.Date(first)} to {Fmt.Date(last)}) count as not digitised: the digitisation rate of the periods {span} falls accordingly."),
                [Count(t.Received, Figure.NotDigitised, Period.Custom(first, last))]));
        }

        if (t.Unfinished > 0 && t.CountedOn is { } on)
        {
            var year = on.Year;
            var day = Period.Custom(on, on);
            var newYear = new DateOnly(year, 1, 1);
            warnings.Add(new(Bilingual.T(
                $"Hồ sơ dở dang: {{0}} hồ sơ đã nhập chưa kết thúc xử lý (không có NgayKetThucXuLy); {{1}} trong số đó đã quá hạn tính đến ngày {Fmt.Date(on)} (ngày hẹn trả trước ngày nhập), nên số hồ sơ đang giải quyết quá hạn tăng thêm chừng ấy. "
                    + $"{{2}} hồ sơ tiếp nhận trước năm {year} được chuyển sang năm {year} (kỳ trước chuyển qua), {{3}} trong số đó quá hạn.",
                $"Unfinished: {{0}} imported {(t.Unfinished == 1 ? "dossier is" : "dossiers are")} not finished (no NgayKetThucXuLy); {{1}} of them are overdue as of {Fmt.Date(on)} (promised before the day of the import), so the overdue in-progress count rises by as many. "
                    + $"{{2}} {(t.CarriedOver == 1 ? "was" : "were")} received before {year} and carry over into {year}, {{3}} of them overdue."),
                [
                    Count(t.Unfinished, Figure.InProgress, day),
                    Count(t.UnfinishedOverdue, Figure.Overdue, day),
                    Count(t.CarriedOver, Figure.InProgress, day, newYear),
                    Count(t.CarriedOverOverdue, Figure.Overdue, day, newYear),
                ]));
        }

        return warnings;
    }

    /// <summary>How the file was read: its encoding and separator (detected), for the summary.</summary>
    public static string? ReadAs(ImportRun run)
    {
        if (run.Encoding is null || run.Separator is not { Length: 1 } separator)
        {
            return null;
        }

        var (vi, en) = new CsvShape(System.Text.Encoding.UTF8, run.Encoding, separator[0]).SeparatorName;
        return Bilingual.T($"Đọc tệp theo mã {run.Encoding}, phân cách bằng {vi} (nhận biết từ dòng tiêu đề).",
            $"The file was read as {run.Encoding}, separated by {en} (detected from the header row).");
    }

    private static string Month(DateOnly day) => day.ToString("MM/yyyy", CultureInfo.InvariantCulture);

    private Task<ImportHome> HomeAsync(CancellationToken ct) => HomeAsync(db, HttpContext.RequestServices, Reach, Today, ct);

    internal static async Task<ImportHome> HomeAsync(PortalDb db, IServiceProvider services, LeaderReach reach, DateOnly today, CancellationToken ct)
    {
        var runs = db.ImportRuns.AsNoTracking();
        if (!reach.IsProvince)
        {
            runs = runs.Where(r => r.AgencyId == reach.AgencyId);
        }

        return new ImportHome(await runs.OrderByDescending(r => r.CreatedAt).Take(20).ToListAsync(ct), await StatisticsCatalog.LoadAsync(db, ct), reach, today,
            await services.GetRequiredService<CalendarProvider>().GetAsync(ct), await ImportCodes.LoadAsync(db, reach.AgencyId, ct));
    }

    /// <summary>
    /// A body over the limit is answered with the import page and the portal's own size message (413), before the
    /// antiforgery check reads the form and fails on the size instead (a bare 400, or a reset connection in the browser).
    /// Nothing is read or stored: the page is what a GET shows, with the message. Browsers say the length up front; a
    /// chunked body without one still meets the limit while the form is read, with the generic 400.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    private sealed class TooLargeUploadAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
    {
        /// <summary>After the request size limit (900), before antiforgery (1000).</summary>
        public int Order => 950;

        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            if (!(http.Request.ContentLength > StartImportValidator.MaxRequestBytes))
            {
                return;
            }

            var (reach, today) = await LeaderController.ResolveAsync(http);
            if (reach is null)
            {
                context.Result = new ForbidResult();
                return;
            }

            var home = await HomeAsync(http.RequestServices.GetRequiredService<PortalDb>(), http.RequestServices, reach, today, http.RequestAborted);
            context.ModelState.AddModelError("tep", Bilingual.Pick(StartImportValidator.TooLarge));
            var viewData = new ViewDataDictionary<ImportHome>(http.RequestServices.GetRequiredService<IModelMetadataProvider>(), context.ModelState) { Model = home };
            viewData["LeaderReach"] = reach;
            context.Result = new ViewResult { ViewName = "Index", ViewData = viewData, StatusCode = StatusCodes.Status413PayloadTooLarge };
        }
    }
}
