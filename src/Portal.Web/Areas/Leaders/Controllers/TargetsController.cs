using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Statistics;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Leaders.Controllers;

public sealed record TrackedAgency(int? AgencyId, string Name, TargetProjection Projection, Figures SoFar);

public sealed record TargetsPage(int Year, DateOnly Today, Period SoFar, IReadOnlyList<TrackedAgency> Rows, IReadOnlyDictionary<TargetMetric, double> Targets,
    IReadOnlyDictionary<TargetMetric, string> Input, LeaderReach Reach)
{
    /// <summary>The dossiers behind a figure of one row, over the year so far or another period (the recent months).</summary>
    public static string Link(Period period, int? agencyId, Figure figure) =>
        "/lanh-dao/ho-so" + StatisticsQuery.Link(period, new StatisticsScope(agencyId), ("chi-so", figure.ToString()));
}

/// <summary>
/// The target tracker (/lanh-dao/muc-tieu): per agency, the projected year-end online rate and 766 score against the
/// year's targets and the online dossiers a month still needed; province leaders set the targets here.
/// </summary>
[Route("lanh-dao/muc-tieu")]
public sealed class TargetsController(PortalDb db, StatisticsReader reader, StatisticsConfiguration configuration, TimeProvider time) : LeaderController
{
    public static readonly TargetMetric[] Editable = Enum.GetValues<TargetMetric>();

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "nam")] int? year, CancellationToken ct)
    {
        var chosen = year ?? Today.Year;
        if (chosen is < 2000 or > 2100)
        {
            ModelState.AddModelError("nam", Bilingual.T("Năm phải từ 2000 đến 2100.", "The year must be between 2000 and 2100."));
            chosen = Today.Year;
            Response.StatusCode = 400;
        }

        return View(await PageAsync(chosen, null, ct));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save([FromForm(Name = "nam")] int? year, CancellationToken ct)
    {
        if (!Reach.IsProvince)
        {
            return NotFound();
        }

        if (year is not (>= 2000 and <= 2100))
        {
            ModelState.AddModelError("nam", Bilingual.T("Năm phải từ 2000 đến 2100.", "The year must be between 2000 and 2100."));
            Response.StatusCode = 400;
            return View("Index", await PageAsync(Today.Year, null, ct));
        }

        var input = Editable.ToDictionary(m => m, m => (string)(Request.Form[m.ToString()].FirstOrDefault() ?? string.Empty).Trim());
        var values = new Dictionary<TargetMetric, double>();
        foreach (var (metric, text) in input)
        {
            var parsed = double.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number);
            if (!parsed || number < 0 || number > 100)
            {
                ModelState.AddModelError(metric.ToString(), metric == TargetMetric.Score766
                    ? Bilingual.T($"Chỉ tiêu \"{Name(metric).Vi}\" phải là số điểm từ 0 đến 100.", $"The target \"{Name(metric).En}\" must be a score from 0 to 100.")
                    : Bilingual.T($"Chỉ tiêu \"{Name(metric).Vi}\" phải là phần trăm từ 0 đến 100.", $"The target \"{Name(metric).En}\" must be a percentage from 0 to 100."));
                continue;
            }

            values[metric] = metric == TargetMetric.Score766 ? number : number / 100;
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            return View("Index", await PageAsync(year.Value, input, ct));
        }

        var existing = await db.StatisticsTargets.Where(t => t.Year == year).ToDictionaryAsync(t => t.Metric, ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (metric, value) in values)
        {
            if (existing.TryGetValue(metric, out var target))
            {
                target.Change(value, Reach.Name, now);
            }
            else
            {
                db.StatisticsTargets.Add(new StatisticsTarget(year.Value, metric, value, Reach.Name, now));
            }
        }

        await db.SaveChangesAsync(ct);
        TempData["Message"] = Bilingual.T($"Đã lưu mục tiêu năm {year}.", $"The {year} targets are saved.");
        return Redirect($"/lanh-dao/muc-tieu?nam={year}");
    }

    public static (string Vi, string En) Name(TargetMetric metric) => metric switch
    {
        TargetMetric.OnlineRate766 => ("Tỉ lệ trực tuyến theo 766 (%)", "Online rate, Decision 766 (%)"),
        TargetMetric.PlainOnlineShare => ("Tỉ lệ nộp trực tuyến theo kênh (%)", "Online share by channel (%)"),
        TargetMetric.OnTimeRate => ("Tỉ lệ đúng hạn (%)", "On-time rate (%)"),
        TargetMetric.OnlinePaymentRate => ("Tỉ lệ thanh toán trực tuyến (%)", "Online payment rate (%)"),
        TargetMetric.ElectronicResultRate => ("Tỉ lệ cấp kết quả điện tử (%)", "Electronic-result rate (%)"),
        TargetMetric.DigitisationRate => ("Tỉ lệ số hóa hồ sơ (%)", "Digitisation rate (%)"),
        TargetMetric.SatisfactionRate => ("Tỉ lệ hài lòng (%)", "Satisfaction rate (%)"),
        _ => ("Điểm 766 (thang 100)", "766 score (of 100)"),
    };

    private async Task<TargetsPage> PageAsync(int year, IReadOnlyDictionary<TargetMetric, string>? input, CancellationToken ct)
    {
        var catalog = await StatisticsCatalog.LoadAsync(db, ct, withOffers: true);
        var targets = await BuildDashboard.TargetsAsync(db, configuration, year, ct);
        var soFar = Period.Custom(new DateOnly(year, 1, 1), year == Today.Year ? Today : new DateOnly(year, 12, 31));
        var snapshot = await reader.ReadAsync(soFar, Today, StatisticsScope.Province, ct: ct);
        var months = await reader.MonthlyByAgencyAsync(year, StatisticsScope.Province, ct);
        var version = configuration.VersionAt(new DateOnly(year, 12, 31));
        var byAgency = snapshot.ByAgency();
        TargetProjection Project(int? agency, long[][] m, Figures f) =>
            TargetTracker.Project(agency, year, Today, m, f, catalog.OfferedBy(agency), version, targets[TargetMetric.OnlineRate766], targets[TargetMetric.Score766]);

        var rows = new List<TrackedAgency>();
        if (Reach.IsProvince)
        {
            var all = Enumerable.Range(0, 12).Select(i => Enumerable.Range(0, Counters.Count).Select(c => months.Values.Sum(a => a[i][c])).ToArray()).ToArray();
            rows.Add(new TrackedAgency(null, catalog.ProvinceName, Project(null, all, snapshot.Total), snapshot.Total));
        }

        foreach (var agency in catalog.ServingAgencies.Where(a => Reach.IsProvince || a.Id == Reach.AgencyId))
        {
            var m = months.GetValueOrDefault(agency.Id) ?? Enumerable.Range(0, 12).Select(_ => new long[Counters.Count]).ToArray();
            var figures = byAgency.GetValueOrDefault(agency.Id) ?? Figures.Empty;
            rows.Add(new TrackedAgency(agency.Id, agency.Name, Project(agency.Id, m, figures), figures));
        }

        var shown = input ?? targets.ToDictionary(t => t.Key, t => (t.Key == TargetMetric.Score766 ? t.Value : t.Value * 100).ToString("0.##", CultureInfo.InvariantCulture));
        return new TargetsPage(year, Today, soFar, rows, targets, shown, Reach);
    }
}
