using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Exchange;
using Portal.Core.Statistics;

namespace Portal.Web.Areas.Leaders.Controllers;

public sealed record DossierLine(long Id, string? Code, int ProcedureId, int AgencyId, Channel Channel, DossierStatus Status,
    DateTime? ReceivedAt, DateTime? PromisedAt, DateTime? FinishedAt, Timeliness? Timeliness);

/// <param name="Run">The import whose dossiers alone are listed, if asked (lan-nhap).</param>
/// <param name="ReceivedBefore">Only dossiers received before this day, if asked (nhan-truoc).</param>
public sealed record DossierListPage(Figure Figure, Period Period, DateOnly AsOf, StatisticsScope Scope, string ScopeName, StatisticsCatalog Catalog,
    IReadOnlyList<DossierLine> Lines, int Total, int Page, int PageSize, WorkingCalendar Calendar, ImportRun? Run = null, DateOnly? ReceivedBefore = null)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string Link(int page) => Query(("trang", page));

    /// <summary>This list's query (figure, period, scope and the import's filters) with <paramref name="extra"/> set.</summary>
    public string Query(params (string Key, object? Value)[] extra) => StatisticsQuery.Link(Period, Scope,
        [("chi-so", Figure.ToString()), .. DossiersController.ImportFilters(Run?.Id, ReceivedBefore), .. extra]);
}

/// <summary>The dossiers behind a number (/lanh-dao/ho-so), page by page, and the same list in the exchange format.</summary>
[Route("lanh-dao/ho-so")]
public sealed class DossiersController(PortalDb db, DossierSets sets, CalendarProvider calendars, ExportDossiers export, IOptions<WorkingTimeOptions> workingTime)
    : LeaderController
{
    public const int PageSize = 50;

    /// <summary>The query keys that narrow a list to one import's dossiers, and to those received before a day.</summary>
    public static (string Key, object? Value)[] ImportFilters(Guid? run, DateOnly? receivedBefore) =>
    [
        ("lan-nhap", run?.ToString()),
        ("nhan-truoc", receivedBefore?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ];

    [HttpGet("")]
    public async Task<IActionResult> Index(StatisticsQuery query, [FromQuery(Name = "chi-so")] string? figure, [FromQuery(Name = "trang")] int? page,
        [FromQuery(Name = "lan-nhap")] string? importRun, [FromQuery(Name = "nhan-truoc")] string? receivedBefore, CancellationToken ct)
    {
        var catalog = await StatisticsCatalog.LoadAsync(db, ct);
        if (!TryScope(query, catalog, out var scope))
        {
            return NotFound();
        }

        if (!Enum.TryParse<Figure>(figure, ignoreCase: false, out var chosen) || !Enum.IsDefined(chosen))
        {
            ModelState.AddModelError("chi-so", Infrastructure.Bilingual.T("Chỉ số không hợp lệ; đang hiện hồ sơ tiếp nhận trong kỳ.", "Unknown figure; showing the dossiers received in the period."));
            chosen = Figure.Received;
        }

        var period = query.ToPeriod(Today, ModelState);
        var (run, before) = await ImportFiltersAsync(importRun, receivedBefore, ct);
        var filter = new DossierSetFilter(chosen, period, period.AsOf(Today), scope, run?.Id, before);
        var dossiers = sets.Apply(db, filter).AsNoTracking();
        var total = await dossiers.CountAsync(ct);
        var number = Math.Clamp(page ?? 1, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var calendar = await calendars.GetAsync(ct);
        var rows = await dossiers.OrderBy(d => d.ReceivedAt).ThenBy(d => d.Id).Skip((number - 1) * PageSize).Take(PageSize)
            .Select(d => new { d.Id, d.Code, d.ProcedureId, d.AgencyId, d.Channel, d.Status, d.ReceivedAt, d.PromisedAt, d.FinishedAt, d.EffectiveEndAt, d.ProcessingSupplementCount })
            .ToListAsync(ct);
        var lines = rows.Select(r => new DossierLine(r.Id, r.Code, r.ProcedureId, r.AgencyId, r.Channel, r.Status, r.ReceivedAt, r.PromisedAt, r.FinishedAt,
            r is { EffectiveEndAt: { } end, PromisedAt: { } promised, ReceivedAt: not null }
                ? DeadlineRules.Classify(promised, end, r.ProcessingSupplementCount, calendar.TimeZone)
                : null)).ToList();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
        }

        return View(new DossierListPage(chosen, period, filter.AsOf, scope, ScopeName(scope, catalog), catalog, lines, total, number, PageSize, calendar, run, before));
    }

    /// <summary>
    /// The import filters as asked: an import this leader may see (an agency's leader, only their agency's), and a day. A run
    /// that is unknown or not theirs, or a day that is not one, is dropped with a message rather than listing nothing.
    /// </summary>
    private async Task<(ImportRun? Run, DateOnly? Before)> ImportFiltersAsync(string? importRun, string? receivedBefore, CancellationToken ct)
    {
        ImportRun? run = null;
        if (!string.IsNullOrEmpty(importRun))
        {
            run = Guid.TryParse(importRun, out var id) ? await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) : null;
            if (run is not null && !Reach.IsProvince && run.AgencyId != Reach.AgencyId)
            {
                run = null;
            }

            if (run is null)
            {
                ModelState.AddModelError("lan-nhap", Infrastructure.Bilingual.T("Không tìm thấy lần nhập dữ liệu này; đang hiện mọi hồ sơ của chỉ số.",
                    "This import was not found; showing every dossier of the figure."));
            }
        }

        DateOnly? before = null;
        if (!string.IsNullOrEmpty(receivedBefore))
        {
            if (DateOnly.TryParseExact(receivedBefore, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                before = day;
            }
            else
            {
                ModelState.AddModelError("nhan-truoc", Infrastructure.Bilingual.T("Ngày \"tiếp nhận trước\" phải có dạng năm-tháng-ngày (2026-01-01); đang hiện hồ sơ mọi ngày tiếp nhận.",
                    "The \"received before\" day must read year-month-day (2026-01-01); showing dossiers received on any day."));
            }
        }

        return (run, before);
    }

    /// <summary>The same list in the national exchange format (CSV), streamed.</summary>
    [HttpGet("xuat.csv")]
    public async Task<IActionResult> Export(StatisticsQuery query, [FromQuery(Name = "chi-so")] string? figure,
        [FromQuery(Name = "lan-nhap")] string? importRun, [FromQuery(Name = "nhan-truoc")] string? receivedBefore, CancellationToken ct)
    {
        var catalog = await StatisticsCatalog.LoadAsync(db, ct);
        if (!TryScope(query, catalog, out var scope))
        {
            return NotFound();
        }

        var chosen = Enum.TryParse<Figure>(figure, ignoreCase: false, out var f) && Enum.IsDefined(f) ? f : Figure.Received;
        var period = query.ToPeriod(Today, ModelState);
        var (run, before) = await ImportFiltersAsync(importRun, receivedBefore, ct);
        if (!ModelState.IsValid)
        {
            return BadRequest(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"ho-so-{chosen}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.csv\"";
        await export.WriteAsync(new DossierSetFilter(chosen, period, period.AsOf(Today), scope, run?.Id, before), Response.Body, workingTime.Value.ResolveTimeZone(), ct);
        return new EmptyResult();
    }
}
