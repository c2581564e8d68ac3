using Microsoft.AspNetCore.Mvc;
using Portal.Core.Data;
using Portal.Core.Statistics;

namespace Portal.Web.Areas.Leaders.Controllers;

public sealed record ScorecardPage(Period Period, DateOnly AsOf, StatisticsScope Scope, string ScopeName, Scorecard Scorecard, Figures Figures,
    IReadOnlyList<StatisticsCatalog.ProcedureInfo> Offered, IReadOnlyList<RankedAgency> Ranking, StatisticsQuery Query, LeaderReach Reach,
    StatisticsCatalog Catalog, DateOnly Today)
{
    public string Link(Figure figure) => Link(figure, Scope);

    public string Link(Figure figure, StatisticsScope scope) => "/lanh-dao/ho-so" + StatisticsQuery.Link(Period, scope, ("chi-so", figure.ToString()));
}

/// <summary>The Decision 766 scorecard (/lanh-dao/chi-so-766): the scope's items and points, and the agencies ranked.</summary>
[Route("lanh-dao/chi-so-766")]
public sealed class ScorecardController(PortalDb db, StatisticsReader reader, StatisticsConfiguration configuration) : LeaderController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(StatisticsQuery query, CancellationToken ct)
    {
        var catalog = await StatisticsCatalog.LoadAsync(db, ct, withOffers: true);
        if (!TryScope(query, catalog, out var scope))
        {
            return NotFound();
        }

        scope = new StatisticsScope(scope.AgencyId);
        var period = query.ToPeriod(Today, ModelState);
        var version = configuration.VersionAt(period.To);
        // One read of the whole province gives every agency's figures for the ranking; an agency leader sees only their own line.
        var province = await reader.ReadAsync(period, Today, StatisticsScope.Province, ct: ct);
        var byAgency = province.ByAgency();
        var ranking = Scorecard.Rank(catalog.ServingAgencies
            .Select(a => (Agency: a, Figures: byAgency.GetValueOrDefault(a.Id) ?? Figures.Empty))
            .Select(x => (x.Agency.Id, x.Agency.Name, Scorecard.Compute(version, x.Figures, catalog.OfferedBy(x.Agency.Id)), x.Figures)));
        var figures = scope.AgencyId is { } agency ? byAgency.GetValueOrDefault(agency) ?? Figures.Empty : province.Total;
        var offered = catalog.OfferedBy(scope.AgencyId).ToList();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
        }

        return View(new ScorecardPage(period, province.AsOf, scope, ScopeName(scope, catalog), Scorecard.Compute(version, figures, offered), figures, offered,
            Reach.IsProvince ? ranking : [.. ranking.Where(r => r.AgencyId == Reach.AgencyId)], query, Reach, catalog, Today));
    }
}
