using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Core.Audit;

/// <summary>Families of actions the audit page filters by.</summary>
public enum AuditKind : byte
{
    DossierActions = 1,
    PersonalDataViews = 2,
    Searches = 3,
    AccessDenied = 4,
    AdministrativeChanges = 5,
    AuditReads = 6,
    Deadlines = 7,
}

/// <summary>
/// The audit page's search over the whole trail: newest first by (At, Id) with a keyset cursor, so that page 1 000
/// costs what page 1 costs on millions of rows; every filter narrows one of the trail's indexes
/// (<see cref="AuditEntryConfiguration"/>). A leader with an agency sees only the lines of their agency: those written
/// by its people and those about its dossiers.
/// </summary>
public sealed class AuditSearch(PortalDb db, IOptions<WorkingTimeOptions> workingTime)
{
    public const int PageSize = 50;

    /// <summary>The most lines one export carries; a wider search is cut there and says so.</summary>
    public const int ExportLimit = 100_000;

    public static readonly IReadOnlyList<string> PersonalDataActions =
        [AuditActions.ViewDossier, AuditActions.ViewAudit, AuditActions.DownloadDocument, AuditActions.DownloadControlSheet];

    public sealed record Filter(DateOnly? From = null, DateOnly? To = null, string? Person = null, AuditKind? Kind = null, string? Action = null,
        string? DossierCode = null, int? AgencyId = null, string? Ip = null, string? Text = null, string? After = null);

    public sealed record Line(long Id, DateTime At, string UserName, string? Email, string Roles, int? AgencyId, string? AgencyName, string? IpAddress,
        string Action, long? DossierId, string? DossierCode, string? Detail);

    public sealed record Page(IReadOnlyList<Line> Lines, string? Next);

    /// <param name="scopeAgency">The only agency the reader may see (a leader of one agency), or null for the whole trail.</param>
    public async Task<Page> SearchAsync(Filter filter, int? scopeAgency, CancellationToken ct)
    {
        var query = await QueryAsync(filter, scopeAgency, ct);
        if (Cursor.Parse(filter.After) is { } after)
        {
            query = query.Where(e => e.At < after.At || (e.At == after.At && e.Id < after.Id));
        }

        var entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(ct);
        var more = entries.Count > PageSize;
        if (more)
        {
            entries.RemoveAt(PageSize);
        }

        return new Page(await DescribeAsync(entries, ct), more ? new Cursor(entries[^1].At, entries[^1].Id).ToString() : null);
    }

    /// <summary>Every line of the search, newest first, in chunks read by keyset (the export streams them).</summary>
    public async IAsyncEnumerable<Line> AllAsync(Filter filter, int? scopeAgency, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var query = await QueryAsync(filter, scopeAgency, ct);
        Cursor? after = null;
        var sent = 0;
        while (sent < ExportLimit)
        {
            var chunk = query;
            if (after is { } a)
            {
                chunk = chunk.Where(e => e.At < a.At || (e.At == a.At && e.Id < a.Id));
            }

            var entries = await chunk.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(Math.Min(1000, ExportLimit - sent)).ToListAsync(ct);
            if (entries.Count == 0)
            {
                yield break;
            }

            foreach (var line in await DescribeAsync(entries, ct))
            {
                yield return line;
            }

            sent += entries.Count;
            after = new Cursor(entries[^1].At, entries[^1].Id);
        }
    }

    private async Task<IQueryable<AuditEntry>> QueryAsync(Filter filter, int? scopeAgency, CancellationToken ct)
    {
        var query = db.AuditTrail.AsNoTracking();
        var zone = workingTime.Value.ResolveTimeZone();
        if (filter.From is { } from)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
            query = query.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
            query = query.Where(e => e.At < end);
        }

        if (scopeAgency is { } scope)
        {
            query = query.Where(e => e.AgencyId == scope || db.Dossiers.Any(d => d.Id == e.DossierId && d.AgencyId == scope));
        }

        if (filter.AgencyId is { } agency)
        {
            query = query.Where(e => e.AgencyId == agency || db.Dossiers.Any(d => d.Id == e.DossierId && d.AgencyId == agency));
        }

        var person = VietnameseText.Normalize(filter.Person);
        if (person.Length > 0)
        {
            var email = person.ToUpperInvariant();
            var ids = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == email).Select(u => (Guid?)u.Id).Take(10).ToListAsync(ct);
            query = ids.Count > 0 ? query.Where(e => ids.Contains(e.UserId)) : query.Where(e => e.UserName.Contains(person));
        }

        query = filter.Kind switch
        {
            AuditKind.DossierActions => query.Where(e => e.Action.StartsWith("dossier.") && !PersonalDataActions.Contains(e.Action)),
            AuditKind.PersonalDataViews => query.Where(e => PersonalDataActions.Contains(e.Action)),
            AuditKind.Searches => query.Where(e => e.Action == AuditActions.Search),
            AuditKind.AccessDenied => query.Where(e => e.Action == AuditActions.AccessDenied),
            AuditKind.AdministrativeChanges => query.Where(e => e.Action.StartsWith("admin.")),
            AuditKind.AuditReads => query.Where(e => e.Action.StartsWith("audit.")),
            AuditKind.Deadlines => query.Where(e => e.Action.StartsWith("deadline.")),
            _ => query,
        };

        var action = (filter.Action ?? string.Empty).Trim();
        if (action.Length > 0)
        {
            query = query.Where(e => e.Action == action);
        }

        var code = (filter.DossierCode ?? string.Empty).Trim().ToUpperInvariant();
        if (code.Length > 0)
        {
            var dossier = await db.Dossiers.AsNoTracking().Where(d => d.Code == code).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
            query = query.Where(e => e.DossierId == (dossier ?? -1));
        }

        var ip = (filter.Ip ?? string.Empty).Trim();
        if (ip.Length > 0)
        {
            query = query.Where(e => e.IpAddress == ip);
        }

        var text = VietnameseText.Normalize(filter.Text);
        if (text.Length > 0)
        {
            query = query.Where(e => e.Detail != null && e.Detail.Contains(text));
        }

        return query;
    }

    private async Task<IReadOnlyList<Line>> DescribeAsync(List<AuditEntry> entries, CancellationToken ct)
    {
        var dossierIds = entries.Where(e => e.DossierId != null).Select(e => e.DossierId!.Value).Distinct().ToList();
        var codes = await db.Dossiers.AsNoTracking().Where(d => dossierIds.Contains(d.Id)).Select(d => new { d.Id, d.Code })
            .ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        var agencyIds = entries.Where(e => e.AgencyId != null).Select(e => e.AgencyId!.Value).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).Select(a => new { a.Id, a.Name })
            .ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var userIds = entries.Where(e => e.UserId != null).Select(e => e.UserId!.Value).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Email })
            .ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        return [.. entries.Select(e => new Line(e.Id, e.At, e.UserName, e.UserId is { } u ? emails.GetValueOrDefault(u) : null, e.Roles, e.AgencyId,
            e.AgencyId is { } a ? agencies.GetValueOrDefault(a) : null, e.IpAddress, e.Action, e.DossierId,
            e.DossierId is { } d ? codes.GetValueOrDefault(d) : null, e.Detail))];
    }

    /// <summary>The position after the last line shown: its time (ticks) and id.</summary>
    private readonly record struct Cursor(DateTime At, long Id)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{At.Ticks}-{Id}");

        public static Cursor? Parse(string? value)
        {
            var parts = (value ?? string.Empty).Split('-');
            return parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new Cursor(new DateTime(ticks, DateTimeKind.Utc), id)
                : null;
        }
    }
}
