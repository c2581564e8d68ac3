using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Core.Text;

namespace Portal.Web.Areas.Officials.Controllers;

/// <summary>The worklists: my tasks, the agency queue, the reception queue and liên thông, with filters and search.</summary>
[Route("can-bo")]
public sealed class WorkController(PortalDb db, Worklist worklist, AuditTrail audit, CalendarProvider calendars) : OfficialsControllerBase
{
    [HttpGet("")]
    public Task<IActionResult> Mine([FromQuery] WorklistQuery filter, CancellationToken ct) =>
        ShowAsync(WorklistView.Mine, filter, ct);

    [HttpGet("ho-so")]
    public Task<IActionResult> Agency([FromQuery] WorklistQuery filter, CancellationToken ct) =>
        ShowAsync(WorklistView.Agency, filter, ct);

    [HttpGet("tiep-nhan")]
    public Task<IActionResult> Reception([FromQuery] WorklistQuery filter, CancellationToken ct) =>
        ShowAsync(WorklistView.Reception, filter, ct);

    [HttpGet("lien-thong")]
    public Task<IActionResult> HandOff([FromQuery] WorklistQuery filter, CancellationToken ct) =>
        ShowAsync(WorklistView.HandOff, filter, ct);

    private async Task<IActionResult> ShowAsync(WorklistView view, WorklistQuery q, CancellationToken ct)
    {
        var who = Who;
        if (!IsOfficial && view != WorklistView.Agency)
        {
            // Leaders and administrators have no tasks of their own: they search the agency lists.
            return RedirectToAction(nameof(Agency), q.RouteValues());
        }

        if (!ModelState.IsValid)
        {
            // A malformed filter (a status that does not exist, a letter for a number) falls back to the plain list.
            q = new WorklistQuery { Q = q.Q };
            ModelState.Clear();
        }

        var filter = q.ToFilter(view, who.AgencyId is null ? q.CoQuan : null);
        var page = await worklist.GetAsync(who, filter, ct);
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            await audit.RecordAsync(who.Audit, AuditActions.Search, null, $"{view}: {q.Q}", ct: ct);
            if (page.Total == 1 && page.Rows.Count == 1 && !page.SearchedByName && q.Sau is null && q.Truoc is null)
            {
                return Redirect($"/can-bo/ho-so/{page.Rows[0].Id}");
            }
        }

        var agencyId = who.AgencyId ?? q.CoQuan;
        var procedures = agencyId is { } a
            ? await (from pa in db.ProcedureAgencies
                     join p in db.Procedures on pa.ProcedureId equals p.Id
                     where pa.AgencyId == a
                     select new ProcedureOption(p.Id, p.Name)).AsNoTracking().ToListAsync(ct)
            : [];
        procedures = [.. procedures.OrderBy(p => p.Name, VietnameseText.Collation)];
        var agencies = who.AgencyId is null
            ? [.. (await db.Agencies.AsNoTracking().Select(x => new AgencyOption(x.Id, x.Name)).ToListAsync(ct)).OrderBy(x => x.Name, VietnameseText.Collation)]
            : new List<AgencyOption>();
        var agencyName = agencyId is { } id ? await db.Agencies.Where(x => x.Id == id).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        return View("List", new WorklistModel(view, q, page, procedures, agencies, agencyName, IsOfficial, await calendars.GetAsync(ct)));
    }
}

/// <summary>The query string of a list (Vietnamese parameter names, as officials see them in the address bar).</summary>
public sealed class WorklistQuery
{
    public DossierStatus? TrangThai { get; set; }
    public int? ThuTuc { get; set; }
    public Channel? Kenh { get; set; }
    public bool QuaHan { get; set; }
    public bool SapDenHan { get; set; }
    public bool TatCa { get; set; }
    public string? Q { get; set; }
    public int? CoQuan { get; set; }
    public string? Sau { get; set; }
    public string? Truoc { get; set; }

    /// <summary>
    /// The page: alone, a jump to it (typed in the page form, or the link to the last page); beside a page key, its number.
    /// Read as text so that "abc" keeps the filters and gets a message instead of a binding error.
    /// </summary>
    public string? Trang { get; set; }

    /// <summary>The page asked for (a number too long for a long is past the last page); null when none, or not a number.</summary>
    public int? PageAsked
    {
        get
        {
            var text = Trang?.Trim();
            if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                return (int)Math.Clamp(n, int.MinValue, int.MaxValue);
            }

            return text is { Length: > 0 } && text.All(char.IsAsciiDigit) ? int.MaxValue : null;
        }
    }

    /// <summary>Something typed as the page that is not a number.</summary>
    public bool PageIsInvalid => !string.IsNullOrWhiteSpace(Trang) && PageAsked is null;

    public WorklistFilter ToFilter(WorklistView view, int? agencyId) => new(view,
        TrangThai is { } s && Enum.IsDefined(s) ? s : null, ThuTuc, Kenh is { } k && Enum.IsDefined(k) ? k : null,
        QuaHan, SapDenHan, TatCa, Q is { Length: <= 200 } ? Q : null, agencyId, Sau, Truoc, PageAsked);

    /// <summary>The same filters with another page key (or none) and the number of the page it leads to.</summary>
    public Dictionary<string, string?> RouteValues(string? after = null, string? before = null, int? page = null)
    {
        var values = new Dictionary<string, string?>();
        void Put(string key, object? value)
        {
            if (value is not null && !(value is bool b && !b))
            {
                values[key] = value switch
                {
                    Enum e => Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    bool => "true",
                    _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                };
            }
        }

        Put("trangThai", TrangThai);
        Put("thuTuc", ThuTuc);
        Put("kenh", Kenh);
        Put("quaHan", QuaHan);
        Put("sapDenHan", SapDenHan);
        Put("tatCa", TatCa);
        Put("q", string.IsNullOrWhiteSpace(Q) ? null : Q);
        Put("coQuan", CoQuan);
        Put("sau", after);
        Put("truoc", before);
        Put("trang", page);
        return values;
    }
}

public sealed record ProcedureOption(int Id, string Name);

public sealed record AgencyOption(int Id, string Name);

public sealed record WorklistModel(WorklistView View, WorklistQuery Query, WorklistPage Page, IReadOnlyList<ProcedureOption> Procedures,
    IReadOnlyList<AgencyOption> Agencies, string? AgencyName, bool IsOfficial, WorkingCalendar Calendar)
{
    public string Local(DateTime? utc) => utc is { } v ? Calendar.ToLocal(v).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
