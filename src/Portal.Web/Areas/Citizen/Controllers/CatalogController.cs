using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Identity;

namespace Portal.Web.Areas.Citizen.Controllers;

/// <summary>The public catalogue: the search (<see cref="ProcedureSearch"/>) with its filters, and each procedure's page.</summary>
[Area("Citizen")]
[AllowAnonymous]
[Route("thu-tuc")]
public sealed class CatalogController(PortalDb db) : Controller
{
    private const int PageSize = 20;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int? linhVuc, int? coQuan, ServiceType? muc, [FromServices] ProcedureSearch search,
        int trang = 1, CancellationToken ct = default)
    {
        var result = await search.SearchAsync(new ProcedureSearch.Filter(q, linhVuc, coQuan, muc), trang, PageSize, ct);
        var sectors = await db.Sectors.AsNoTracking().OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive && db.ProcedureAgencies.Any(pa => pa.AgencyId == a.Id))
            .OrderBy(a => a.Level).ThenBy(a => a.Name).Select(a => new Option(a.Id, a.Name)).ToListAsync(ct);
        return View(new CatalogPage(q, linhVuc, coQuan, muc, result, sectors, agencies));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, [FromServices] IOptions<FilingOptions> filing, CancellationToken ct)
    {
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Sector).Include(p => p.CurrentVersion)
            .Include(p => p.Agencies).ThenInclude(a => a.Agency)
            .SingleOrDefaultAsync(p => p.Id == id && p.IsPublished, ct);
        if (procedure?.CurrentVersion is null)
        {
            return NotFound();
        }

        IReadOnlyList<DraftLink> drafts = [];
        (string Vietnamese, string English)? draftLimit = null;
        var agencies = procedure.Agencies.Where(a => a.Agency is { IsActive: true }).Select(a => a.Agency!).OrderBy(a => a.Name).ToList();
        int? suggested = null;
        if (User.IsInRole(Roles.Citizen) && User.UserId() is { } userId)
        {
            suggested = StartDraftHandler.AgencyNamedIn(await db.Users.Where(u => u.Id == userId).Select(u => u.Address).SingleOrDefaultAsync(ct), agencies);
            drafts = await db.Dossiers.AsNoTracking()
                .Where(d => d.ApplicantUserId == userId && d.ProcedureId == id && d.Status == DossierStatus.Draft)
                .OrderByDescending(d => d.UpdatedAt).Select(d => new DraftLink(d.Id, d.UpdatedAt)).Take(5).ToListAsync(ct);
            if (!StartDraftHandler.IsAvailable(await DraftQuota.OpenDraftsAsync(db, userId, ct), filing.Value))
            {
                draftLimit = DraftQuota.TooManyDrafts(filing.Value.MaxOpenDrafts);
            }
        }

        return View(new ProcedurePage(procedure, procedure.CurrentVersion, agencies, drafts, draftLimit, suggested));
    }
}

public sealed record Option(int Id, string Name);

public sealed record CatalogPage(string? Query, int? Sector, int? Agency, ServiceType? ServiceType, ProcedureSearch.Result Result,
    IReadOnlyList<Option> Sectors, IReadOnlyList<Option> Agencies);

public sealed record DraftLink(long Id, DateTime UpdatedAt);

/// <param name="DraftLimit">Set when the citizen already keeps the most drafts an account may: why no new one, and what to do.</param>
/// <param name="SuggestedAgencyId">The ward the citizen's own address names, chosen in advance; otherwise the list starts on "choose".</param>
public sealed record ProcedurePage(Procedure Procedure, ProcedureVersion Version, IReadOnlyList<Agency> Agencies, IReadOnlyList<DraftLink> Drafts,
    (string Vietnamese, string English)? DraftLimit = null, int? SuggestedAgencyId = null);
