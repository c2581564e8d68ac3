using Microsoft.AspNetCore.Mvc;
using Portal.Core.Calendar;
using Portal.Core.Processing;

namespace Portal.Web.Areas.Officials.Controllers;

/// <summary>The requests for opinions the official's agency must answer, and those it waits for.</summary>
[Route("can-bo/xin-y-kien")]
public sealed class OpinionsController(OpinionInbox inbox, CalendarProvider calendars, TimeProvider time) : OfficialsControllerBase
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        if (!IsOfficial)
        {
            return Redirect("/can-bo/ho-so");
        }

        var now = time.GetUtcNow().UtcDateTime;
        return View("Index", new OpinionsModel(await inbox.GetAsync(Who, now, ct), await calendars.GetAsync(ct), now));
    }
}

public sealed record OpinionsModel(OpinionLists Lists, WorkingCalendar Calendar, DateTime Now)
{
    public string Local(DateTime? utc) =>
        utc is { } v ? Calendar.ToLocal(v).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
