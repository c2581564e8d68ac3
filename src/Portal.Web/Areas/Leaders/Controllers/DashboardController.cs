using Microsoft.AspNetCore.Mvc;
using Portal.Core.Data;
using Portal.Core.Statistics;

namespace Portal.Web.Areas.Leaders.Controllers;

/// <summary>One line of a breakdown table: an agency, a sector or a procedure, with the scope its numbers link to.</summary>
public sealed record BreakdownRow(string Name, StatisticsScope Scope, Figures Figures);

public sealed record DashboardPage(Dashboard Data, LeaderReach Reach, string ScopeName, string Sort, bool Descending,
    IReadOnlyList<BreakdownRow> ByAgency, IReadOnlyList<BreakdownRow> BySector, IReadOnlyList<BreakdownRow> ByProcedure, int ProcedureCount, bool AllProcedures,
    StatisticsQuery Query, DateOnly? LegacyImportAfterAsOf)
{
    /// <summary>The dashboard lists this many procedures (in the chosen order) unless asked for all; II.06a always has them all.</summary>
    public const int ProceduresShown = 30;

    public string Link(Figure figure, StatisticsScope? scope = null, Period? period = null) =>
        "/lanh-dao/ho-so" + StatisticsQuery.Link(period ?? Data.Period, scope ?? Data.Scope, ("chi-so", figure.ToString()));

}

/// <summary>The leadership dashboard (/lanh-dao): the period's figures against the year's targets, trends and breakdowns.</summary>
[Route("lanh-dao")]
public sealed class DashboardController(PortalDb db, BuildDashboard build, DossierSets sets) : LeaderController
{
    public static readonly string[] SortKeys = ["ten", "nhan", "tructuyen", "tl766", "dunghan", "quahan", "kqdt"];

    [HttpGet("")]
    public async Task<IActionResult> Index(StatisticsQuery query, [FromQuery(Name = "sx")] string? sort, [FromQuery(Name = "chieu")] string? direction,
        [FromQuery(Name = "tatca")] bool? all, CancellationToken ct)
    {
        var catalog = await StatisticsCatalog.LoadAsync(db, ct);
        if (!TryScope(query, catalog, out var scope))
        {
            return NotFound();
        }

        var period = query.ToPeriod(Today, ModelState);
        var data = await build.HandleAsync(period, scope, Today, catalog, ct);
        var key = SortKeys.Contains(sort) ? sort! : "nhan";
        var descending = direction != "tang" && !(direction is null && key == "ten");
        IReadOnlyList<BreakdownRow> Rows(Dictionary<int, Figures> groups, Func<int, string> name, Func<int, StatisticsScope> scopeOf) =>
            Order(groups.Select(g => new BreakdownRow(name(g.Key), scopeOf(g.Key), g.Value)), key, descending);

        var snapshot = data.Snapshot;
        var procedures = scope.ProcedureId is null ? Rows(snapshot.ByProcedure(), catalog.ProcedureName, id => scope with { ProcedureId = id }) : [];
        var everything = all == true;
        var page = new DashboardPage(data, Reach, ScopeName(scope, catalog), key, descending,
            scope.AgencyId is null ? Rows(snapshot.ByAgency(), catalog.AgencyName, id => scope with { AgencyId = id }) : [],
            scope.SectorId is null ? Rows(snapshot.BySector(), catalog.SectorName, id => scope with { SectorId = id }) : [],
            everything ? procedures : [.. procedures.Take(DashboardPage.ProceduresShown)], procedures.Count, everything, query,
            await LegacyPauseHistory.ImportedAfterAsync(db, sets, snapshot.AsOf, scope.AgencyId, ct));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
        }

        return View(page);
    }

    private static List<BreakdownRow> Order(IEnumerable<BreakdownRow> rows, string key, bool descending)
    {
        Func<BreakdownRow, double> value = key switch
        {
            "tructuyen" => r => r.Figures.PlainOnlineShare ?? -1,
            "tl766" => r => r.Figures.OnlineRate766 ?? -1,
            "dunghan" => r => r.Figures.OnTimeRate ?? -1,
            "quahan" => r => r.Figures[Figure.Overdue],
            "kqdt" => r => r.Figures.ElectronicResultRate ?? -1,
            _ => r => r.Figures.Received,
        };
        if (key == "ten")
        {
            return descending ? [.. rows.OrderByDescending(r => r.Name, StringComparer.Ordinal)] : [.. rows.OrderBy(r => r.Name, StringComparer.Ordinal)];
        }

        return descending ? [.. rows.OrderByDescending(value).ThenBy(r => r.Name, StringComparer.Ordinal)]
            : [.. rows.OrderBy(value).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }
}
