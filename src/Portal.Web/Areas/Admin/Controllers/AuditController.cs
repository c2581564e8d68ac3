using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Admin.Controllers;

/// <summary>
/// The audit page: searches the whole trail (every dossier action, every view of personal data, searches by CCCD or
/// name, refused access, administrative changes), newest first, and exports the result. Administrators see everything;
/// a leader of one agency sees that agency's lines. Reading the trail is itself audited.
/// </summary>
[Area("Admin")]
[Authorize(Roles = $"{Roles.Admin},{Roles.Leader}")]
[Route("quan-tri/nhat-ky")]
public sealed class AuditController(AuditSearch search, AuditTrail audit, AgencyDirectory agencies, IOptions<WorkingTimeOptions> workingTime) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditQuery query, CancellationToken ct)
    {
        var q = query;
        if (!TryScope(q, out var scope))
        {
            return NotFound();
        }

        var filter = q.ToFilter();
        var page = await search.SearchAsync(filter, scope, ct);
        await audit.RecordAsync(Who, AuditActions.SearchAudit, null, q.Describe(), ct: ct);
        var options = scope is null ? await agencies.InServiceAsync(ct) : [];
        return View(new AuditPage(q, page, options, scope is not null, workingTime.Value.ResolveTimeZone()));
    }

    [HttpGet("xuat.csv")]
    public async Task<IActionResult> Export([FromQuery] AuditQuery query, CancellationToken ct)
    {
        var q = query;
        if (!TryScope(q, out var scope))
        {
            return NotFound();
        }

        await audit.RecordAsync(Who, AuditActions.ExportAudit, null, q.Describe(), ct: ct);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"nhat-ky.csv\"";
        await AuditCsv.WriteAsync(search.AllAsync(q.ToFilter() with { After = null }, scope, ct), Response.Body, workingTime.Value.ResolveTimeZone(), ct);
        return new EmptyResult();
    }

    private AuditActor Who => AuditTrail.ActorOf(User, HttpContext.Connection.RemoteIpAddress?.ToString());

    /// <summary>An administrator sees the whole trail; a leader of one agency that agency only (another agency answers 404).</summary>
    private bool TryScope(AuditQuery q, out int? scope)
    {
        scope = null;
        if (User.IsInRole(Roles.Admin) || User.AgencyId() is not { } own)
        {
            return true;
        }

        scope = own;
        return q.CoQuan is null || q.CoQuan == own;
    }
}

/// <summary>The audit page's query string (Vietnamese names, like the other pages).</summary>
public sealed class AuditQuery
{
    [FromQuery(Name = "tu")]
    public DateOnly? Tu { get; set; }

    [FromQuery(Name = "den")]
    public DateOnly? Den { get; set; }

    [FromQuery(Name = "nguoi")]
    public string? Nguoi { get; set; }

    [FromQuery(Name = "loai")]
    public AuditKind? Loai { get; set; }

    [FromQuery(Name = "hanh-dong")]
    public string? HanhDong { get; set; }

    [FromQuery(Name = "ma-ho-so")]
    public string? MaHoSo { get; set; }

    [FromQuery(Name = "coquan")]
    public int? CoQuan { get; set; }

    [FromQuery(Name = "ip")]
    public string? Ip { get; set; }

    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "sau")]
    public string? Sau { get; set; }

    public AuditSearch.Filter ToFilter() => new(Tu, Den, Clip(Nguoi), Loai is { } k && Enum.IsDefined(k) ? k : null, Clip(HanhDong), Clip(MaHoSo), CoQuan,
        Clip(Ip), Clip(Q), Clip(Sau));

    /// <summary>What was searched, for the audit line of the search itself.</summary>
    public string Describe() => string.Join("; ", new (string, string?)[]
        {
            ("tu", Tu?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("den", Den?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("nguoi", Nguoi), ("loai", Loai?.ToString()), ("hanh-dong", HanhDong), ("ma-ho-so", MaHoSo),
            ("coquan", CoQuan?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("ip", Ip), ("q", Q),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={p.Item2}"));

    /// <summary>The query string of this search with another cursor (the "older" link).</summary>
    public string Link(string path, string? after)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("tu", Tu?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("den", Den?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("nguoi", Nguoi), new("loai", Loai is { } k ? ((int)k).ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
            new("hanh-dong", HanhDong), new("ma-ho-so", MaHoSo),
            new("coquan", CoQuan?.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("ip", Ip), new("q", Q), new("sau", after),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }

    private static string? Clip(string? value) => value is { Length: > 200 } ? value[..200] : value;
}

public sealed record AuditPage(AuditQuery Query, AuditSearch.Page Result, IReadOnlyList<AgencyDirectory.Option> Agencies, bool Scoped, TimeZoneInfo Zone)
{
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}

public static class AuditText
{
    public static string Kind(AuditKind kind) => kind switch
    {
        AuditKind.DossierActions => Bilingual.T("Thao tác trên hồ sơ", "Dossier actions"),
        AuditKind.PersonalDataViews => Bilingual.T("Xem dữ liệu cá nhân, tải tài liệu", "Views of personal data, downloads"),
        AuditKind.Searches => Bilingual.T("Tìm kiếm (CCCD, họ tên, mã hồ sơ)", "Searches (CCCD, name, code)"),
        AuditKind.AccessDenied => Bilingual.T("Truy cập bị từ chối", "Refused access"),
        AuditKind.AdministrativeChanges => Bilingual.T("Thay đổi quản trị", "Administrative changes"),
        AuditKind.AuditReads => Bilingual.T("Xem, xuất nhật ký", "Audit reads and exports"),
        AuditKind.Deadlines => Bilingual.T("Cảnh báo hạn xử lý", "Deadline warnings"),
        _ => kind.ToString(),
    };
}
