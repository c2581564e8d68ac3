using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Statistics;

namespace Portal.Web.Areas.Leaders.Controllers;

/// <summary>The signed-in leader: the whole province (no agency) or one agency, whose statistics alone they may see.</summary>
public sealed record LeaderReach(Guid? UserId, string Name, int? AgencyId)
{
    public bool IsProvince => AgencyId is null;
}

/// <summary>
/// Base of the leadership pages: resolves the leader's reach once per request and turns a request outside it into 404
/// (another agency's numbers are not acknowledged to exist).
/// </summary>
[Area("Leaders")]
[Authorize(Roles = Roles.Leader)]
public abstract class LeaderController : Controller
{
    protected LeaderReach Reach { get; private set; } = new(null, string.Empty, -1);

    protected DateOnly Today { get; private set; }

    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var (reach, today) = await ResolveAsync(context.HttpContext);
        if (reach is null)
        {
            context.Result = Forbid();
            return;
        }

        (Reach, Today) = (reach, today);
        ViewData["LeaderReach"] = Reach;
        await next();
    }

    /// <summary>The signed-in leader's reach and the local date (null when the account is gone), also for filters that answer before the action.</summary>
    internal static async Task<(LeaderReach? Reach, DateOnly Today)> ResolveAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var db = services.GetRequiredService<PortalDb>();
        var principal = http.User;
        var id = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ? userId : (Guid?)null;
        var user = id is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.FullName, u.AgencyId })
            .SingleOrDefaultAsync(http.RequestAborted);
        var calendar = await services.GetRequiredService<CalendarProvider>().GetAsync(http.RequestAborted);
        var today = calendar.LocalDate(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        return user is null ? (null, today)
            : (new LeaderReach(id, string.IsNullOrWhiteSpace(user.FullName) ? principal.Identity?.Name ?? string.Empty : user.FullName, user.AgencyId), today);
    }

    /// <summary>The scope asked for, if the leader may see it: an agency leader always gets their agency, and only it.</summary>
    protected bool TryScope(StatisticsQuery query, StatisticsCatalog catalog, out StatisticsScope scope)
    {
        scope = StatisticsScope.Province;
        if (Reach.AgencyId is { } own && query.Agency is { } asked && asked != own)
        {
            return false;
        }

        var agency = Reach.AgencyId ?? query.Agency;
        if ((agency is { } a && !catalog.Agencies.ContainsKey(a)) || (query.Sector is { } s && !catalog.Sectors.ContainsKey(s))
            || (query.Procedure is { } p && !catalog.Procedures.ContainsKey(p)))
        {
            return false;
        }

        scope = new StatisticsScope(agency, query.Sector, query.Procedure);
        return true;
    }

    protected static string ScopeName(StatisticsScope scope, StatisticsCatalog catalog)
    {
        var parts = new List<string> { scope.AgencyId is { } a ? catalog.AgencyName(a) : catalog.ProvinceName };
        if (scope.SectorId is { } s)
        {
            parts.Add(catalog.SectorName(s));
        }

        if (scope.ProcedureId is { } p)
        {
            parts.Add(catalog.ProcedureName(p));
        }

        return string.Join(" – ", parts);
    }
}
