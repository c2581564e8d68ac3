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

public sealed record DossierListPage(Figure Figure, Period Period, DateOnly AsOf, StatisticsScope Scope, string ScopeName, StatisticsCatalog Catalog,
    IReadOnlyList<DossierLine> Lines, int Total, int Page, int PageSize, WorkingCalendar Calendar)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string Link(int page) => StatisticsQuery.Link(Period, Scope, ("chi-so", Figure.ToString()), ("trang", page));
}

/// <summary>The dossiers behind a number (/lanh-dao/ho-so), page by page, and the same list in the exchange format.</summary>
[Route("lanh-dao/ho-so")]
public sealed class DossiersController(PortalDb db, DossierSets sets, CalendarProvider calendars, ExportDossiers export, IOptions<WorkingTimeOptions> workingTime)
    : LeaderController
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(StatisticsQuery query, [FromQuery(Name = "chi-so")] string? figure, [FromQuery(Name = "trang")] int? page, CancellationToken ct)
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
        var filter = new DossierSetFilter(chosen, period, period.AsOf(Today), scope);
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

        return View(new DossierListPage(chosen, period, filter.AsOf, scope, ScopeName(scope, catalog), catalog, lines, total, number, PageSize, calendar));
    }

    /// <summary>The same list in the national exchange format (CSV), streamed.</summary>
    [HttpGet("xuat.csv")]
    public async Task<IActionResult> Export(StatisticsQuery query, [FromQuery(Name = "chi-so")] string? figure, CancellationToken ct)
    {
        var catalog = await StatisticsCatalog.LoadAsync(db, ct);
        if (!TryScope(query, catalog, out var scope))
        {
            return NotFound();
        }

        var chosen = Enum.TryParse<Figure>(figure, ignoreCase: false, out var f) && Enum.IsDefined(f) ? f : Figure.Received;
        var period = query.ToPeriod(Today, ModelState);
        if (!ModelState.IsValid)
        {
            return BadRequest(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"ho-so-{chosen}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.csv\"";
        await export.WriteAsync(new DossierSetFilter(chosen, period, period.AsOf(Today), scope), Response.Body, workingTime.Value.ResolveTimeZone(), ct);
        return new EmptyResult();
    }
}
