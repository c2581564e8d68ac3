using Microsoft.AspNetCore.Mvc;
using Portal.Core.Data;
using Portal.Core.Statistics;

namespace Portal.Web.Areas.Leaders.Controllers;

/// <param name="LegacyImportAfterAsOf">When dossiers without a pause history were imported after the reading day (see <see cref="LegacyPauseHistory"/>).</param>
public sealed record ReportPage(ReportII06a Report, StatisticsQuery Query, StatisticsScope Scope, LeaderReach Reach, StatisticsCatalog Catalog, DateOnly Today,
    DateOnly? LegacyImportAfterAsOf)
{
    public string Link(Figure figure, int? sectorId, int? procedureId) =>
        "/lanh-dao/ho-so" + StatisticsQuery.Link(Report.Period, Scope with { SectorId = sectorId ?? Scope.SectorId, ProcedureId = procedureId ?? Scope.ProcedureId },
            ("chi-so", figure.ToString()));

    public string Export(string format) => $"/lanh-dao/bao-cao-ii06a/{format}" + StatisticsQuery.Link(Report.Period, Scope);
}

/// <summary>Report II.06a (/lanh-dao/bao-cao-ii06a) for the province or one agency, and its CSV, XLSX and PDF.</summary>
[Route("lanh-dao/bao-cao-ii06a")]
public sealed class ReportController(PortalDb db, StatisticsReader reader, DossierSets sets, TimeProvider time) : LeaderController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(StatisticsQuery query, CancellationToken ct)
    {
        var built = await BuildAsync(query, ct);
        if (built is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
        }

        return View(built);
    }

    [HttpGet("csv")]
    public Task<IActionResult> Csv(StatisticsQuery query, CancellationToken ct) =>
        FileAsync(query, "csv", "text/csv; charset=utf-8", (r, _) => ReportExports.Csv(r), ct);

    [HttpGet("xlsx")]
    public Task<IActionResult> Xlsx(StatisticsQuery query, CancellationToken ct) =>
        FileAsync(query, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (r, _) => ReportExports.Xlsx(r), ct);

    [HttpGet("pdf")]
    public Task<IActionResult> Pdf(StatisticsQuery query, CancellationToken ct) =>
        FileAsync(query, "pdf", "application/pdf", (r, page) => ReportExports.Pdf(r, r.AgencyId is { } a ? page.Catalog.AgencyName(a) : page.Catalog.ProvinceName, Today), ct);

    private async Task<IActionResult> FileAsync(StatisticsQuery query, string extension, string contentType, Func<ReportII06a, ReportPage, byte[]> render, CancellationToken ct)
    {
        var built = await BuildAsync(query, ct);
        if (built is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return BadRequest(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        }

        return File(render(built.Report, built), contentType, ReportExports.FileName(built.Report, extension));
    }

    private async Task<ReportPage?> BuildAsync(StatisticsQuery query, CancellationToken ct)
    {
        var catalog = await StatisticsCatalog.LoadAsync(db, ct);
        if (!TryScope(query, catalog, out var scope))
        {
            return null;
        }

        var period = query.ToPeriod(Today, ModelState);
        var snapshot = await reader.ReadAsync(period, Today, scope, ct: ct);
        var report = ReportII06a.Build(snapshot, catalog, ScopeName(scope, catalog), scope.AgencyId, time.GetUtcNow().UtcDateTime);
        var legacy = await LegacyPauseHistory.ImportedAfterAsync(db, sets, snapshot.AsOf, scope.AgencyId, ct);
        return new ReportPage(report, query, scope, Reach, catalog, Today, legacy);
    }
}
