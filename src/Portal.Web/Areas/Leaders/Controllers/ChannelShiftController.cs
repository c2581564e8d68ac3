using Microsoft.AspNetCore.Mvc;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Statistics;

namespace Portal.Web.Areas.Leaders.Controllers;

public sealed record ChannelShiftPage(Period Period, DateOnly AsOf, StatisticsScope Scope, string ScopeName, Figures Total, int WorkingDays,
    IReadOnlyList<ChannelShiftCandidate> Candidates, ChannelShiftAssumptions Assumptions, Scorecard Score, StatisticsQuery Query, LeaderReach Reach,
    StatisticsCatalog Catalog, DateOnly Today)
{
    public string Link(Figure figure, StatisticsScope scope) => "/lanh-dao/ho-so" + StatisticsQuery.Link(Period, scope, ("chi-so", figure.ToString()));
}

/// <summary>The channel-shift finder (/lanh-dao/chuyen-kenh): which procedures' walk-ins, moved online, would gain the most.</summary>
[Route("lanh-dao/chuyen-kenh")]
public sealed class ChannelShiftController(PortalDb db, StatisticsReader reader, StatisticsConfiguration configuration, CalendarProvider calendars) : LeaderController
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
        var snapshot = await reader.ReadAsync(period, Today, scope, detailed: true, ct: ct);
        var calendar = await calendars.GetAsync(ct);
        var days = 0;
        for (var day = period.From; day <= snapshot.AsOf; day = day.AddDays(1))
        {
            days += calendar.IsWorkingDay(day) ? 1 : 0;
        }

        var version = configuration.VersionAt(period.To);
        var offered = catalog.OfferedBy(scope.AgencyId).ToList();
        var candidates = ChannelShift.Rank(snapshot, catalog.Procedures, version, configuration.ChannelShift, days, offered);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
        }

        return View(new ChannelShiftPage(period, snapshot.AsOf, scope, ScopeName(scope, catalog), snapshot.Total, days, candidates, configuration.ChannelShift,
            Scorecard.Compute(version, snapshot.Total, offered), query, Reach, catalog, Today));
    }
}
