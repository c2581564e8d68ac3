using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Catalog;
using Portal.Core.Data;

namespace Portal.Web.Controllers;

public sealed class HomeController(PortalDb db) : Controller
{
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var model = new HomeModel(
            await db.Procedures.CountAsync(p => p.IsPublished, ct),
            await db.Procedures.CountAsync(p => p.IsPublished && p.CurrentVersion!.ServiceType == ServiceType.FullOnline, ct),
            await db.Agencies.CountAsync(ct));
        return View(model);
    }

    /// <summary>Switches the language (cookie for a year) and goes back where the user was.</summary>
    [HttpGet]
    public IActionResult Language(string? culture, string? returnUrl)
    {
        var chosen = culture?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? "en-US" : "vi-VN";
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    // Both are re-executed with the method of the failed request: a POST refused for its token, its rate limit (429) or
    // a missing page must keep its own status and the bilingual page, not turn into an empty 400. They change nothing.
    [Route("/Home/Status/{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Status([FromRoute] int code) => View(code);

    [IgnoreAntiforgeryToken]
    public IActionResult Error() => View();
}

public sealed record HomeModel(int Procedures, int FullOnlineProcedures, int Agencies);
