using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Core.Text;

namespace Portal.Web.Areas.Citizen.Controllers;

/// <summary>The public catalogue: search that ignores diacritics and case, filters, and each procedure's page.</summary>
[Area("Citizen")]
[AllowAnonymous]
[Route("thu-tuc")]
public sealed class CatalogController(PortalDb db) : Controller
{
    private const int PageSize = 20;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int? linhVuc, int? coQuan, ServiceType? muc, int trang = 1, CancellationToken ct = default)
    {
        var query = db.Procedures.AsNoTracking().Where(p => p.IsPublished && p.CurrentVersion != null);
        var key = VietnameseText.SearchKey(q);
        var sectorKeys = key.Length == 0 ? [] : (await db.Sectors.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id, Key: VietnameseText.SearchKey(s.Name))).ToList();
        foreach (var word in key.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
        {
            // A word matches the procedure's name, its code, or its sector ("ho tich" finds every civil-status procedure).
            var matching = sectorKeys.Where(s => s.Key.Contains(word, StringComparison.Ordinal)).Select(s => s.Id).ToList();
            query = query.Where(p => p.NameKey.Contains(word) || p.Code.Contains(word) || matching.Contains(p.SectorId));
        }

        if (linhVuc is { } sector)
        {
            query = query.Where(p => p.SectorId == sector);
        }

        if (coQuan is { } agency)
        {
            query = query.Where(p => p.Agencies.Any(a => a.AgencyId == agency && a.Agency!.IsActive));
        }

        if (muc is { } level && Enum.IsDefined(level))
        {
            query = query.Where(p => p.CurrentVersion!.ServiceType == level);
        }

        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(trang, 1, pages);
        var rows = await query.OrderBy(p => p.Sector!.Name).ThenBy(p => p.Name).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(p => new CatalogRow(p.Id, p.Code, p.Name, p.Sector!.Name, p.CurrentVersion!.ServiceType, p.CurrentVersion.TimeLimit, p.Level))
            .ToListAsync(ct);
        var sectors = await db.Sectors.AsNoTracking().OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive && db.ProcedureAgencies.Any(pa => pa.AgencyId == a.Id))
            .OrderBy(a => a.Level).ThenBy(a => a.Name).Select(a => new Option(a.Id, a.Name)).ToListAsync(ct);
        return View(new CatalogPage(q, linhVuc, coQuan, muc, rows, total, page, pages, sectors, agencies));
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

public sealed record CatalogRow(int Id, string Code, string Name, string Sector, ServiceType ServiceType, Portal.Core.Calendar.TimeLimit TimeLimit, AgencyLevel Level);

public sealed record CatalogPage(string? Query, int? Sector, int? Agency, ServiceType? ServiceType, IReadOnlyList<CatalogRow> Rows, int Total,
    int Page, int Pages, IReadOnlyList<Option> Sectors, IReadOnlyList<Option> Agencies);

public sealed record DraftLink(long Id, DateTime UpdatedAt);

/// <param name="DraftLimit">Set when the citizen already keeps the most drafts an account may: why no new one, and what to do.</param>
/// <param name="SuggestedAgencyId">The ward the citizen's own address names, chosen in advance; otherwise the list starts on "choose".</param>
public sealed record ProcedurePage(Procedure Procedure, ProcedureVersion Version, IReadOnlyList<Agency> Agencies, IReadOnlyList<DraftLink> Drafts,
    (string Vietnamese, string English)? DraftLimit = null, int? SuggestedAgencyId = null);
