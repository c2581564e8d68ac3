using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Processing.Deadlines;
using Portal.Core.Text;

namespace Portal.Core.Processing;

public enum WorklistView : byte
{
    /// <summary>The agency's received dossiers, by due time.</summary>
    Agency = 1,

    /// <summary>The steps assigned to me (for the desk: its own work of reception, hand-off, payment, return).</summary>
    Mine = 2,

    /// <summary>Filed online and not received: waiting, asked to supplement, refused.</summary>
    Reception = 3,

    /// <summary>Other agencies' dossiers whose active step my agency holds (liên thông).</summary>
    HandOff = 4,
}

public sealed record WorklistFilter(
    WorklistView View = WorklistView.Agency,
    DossierStatus? Status = null,
    int? ProcedureId = null,
    Channel? Channel = null,
    bool OverdueOnly = false,
    bool DueSoonOnly = false,
    bool AllStatuses = false,
    string? Query = null,
    int? AgencyId = null,
    string? After = null,
    string? Before = null,
    int? Page = null);

public sealed record WorklistRow(long Id, string Code, string ApplicantName, string Procedure, DossierStatus Status, Channel Channel,
    DateTime? DueAt, DateTime? SubmittedAt, bool IsPaused, string? StepName, string? Assignee, bool IsOverdue, bool IsDueSoon);

public enum WorklistOrder : byte
{
    DueFirst = 1,
    FiledFirst = 2,
    NewestFirst = 3,
    ByName = 4,
}

public sealed record WorklistPage(
    IReadOnlyList<WorklistRow> Rows,
    string? Next,
    string? Previous,
    IReadOnlyDictionary<DossierStatus, int> Counts,
    int Overdue,
    int DueSoon,
    int MyOpenSteps,
    bool SearchedByName,
    WorklistOrder Order,
    int Total,
    int PageNumber,
    bool PageMoved)
{
    /// <summary>How many pages the list has (one, even when it is empty).</summary>
    public int Pages => Math.Max(1, (Total + Worklist.PageSize - 1) / Worklist.PageSize);
}

/// <summary>
/// The officials' lists: my tasks, the agency queue, the reception queue and liên thông, sorted by due time, with
/// counts per status, overdue and due-soon counts, filters and a search by code, applicant name (without diacritics)
/// or CCCD. Pages go by key (due time, id) so the hundredth page costs what the first does at a million dossiers; a
/// jump to page N (<see cref="WorklistFilter.Page"/> without a key) goes by offset, read from the nearer end of the list,
/// and the list's total is a count of the same query over the same indexes.
/// An agency's lists hold the dossiers of the agencies merged into it too (<see cref="AgencySuccession"/>): its
/// officials finish what those had open.
/// </summary>
public sealed partial class Worklist(PortalDb db, CalendarProvider calendars, TimeProvider time, IOptions<DeadlineOptions> deadlines)
{
    public const int PageSize = 50;

    /// <summary>The statuses where an agency still has something to do (the counts and the default queue).</summary>
    public static readonly DossierStatus[] Work =
        [DossierStatus.Submitted, DossierStatus.Received, DossierStatus.InProcess, DossierStatus.AwaitingSupplement, DossierStatus.AwaitingPayment, DossierStatus.Decided];

    private static readonly DossierStatus[] ReceivedWork =
        [DossierStatus.Received, DossierStatus.InProcess, DossierStatus.AwaitingSupplement, DossierStatus.AwaitingPayment, DossierStatus.Decided];

    private static readonly DossierStatus[] StepStatuses = [DossierStatus.InProcess, DossierStatus.AwaitingSupplement, DossierStatus.AwaitingPayment];

    private static readonly DossierStatus[] DeskWork = [DossierStatus.Submitted, DossierStatus.Received, DossierStatus.AwaitingPayment, DossierStatus.Decided];

    public async Task<WorklistPage> GetAsync(OfficialContext who, WorklistFilter filter, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var horizon = calendar.AddWorkingMinutes(now, deadlines.Value.WarnBeforeWorkingMinutes);
        // An official's own agencies come with the sign-in; a leader or an administrator looking at one agency sees what its officials see.
        int[]? agencies = who.AgencyId is not null ? [.. who.Agencies.Order()]
            : filter.AgencyId is { } chosen ? [.. (await AgencySuccession.LoadAsync(db, ct)).ActsFor(chosen).Order()]
            : null;

        var agencyCodes = agencies is null ? [] : await db.Agencies.AsNoTracking().Where(x => agencies.Contains(x.Id)).Select(x => x.Code).ToArrayAsync(ct);
        var query = Scope(who, filter, agencies, agencyCodes, now, horizon, out var byName, out var nameSearch, out var drafts);
        var searching = !string.IsNullOrWhiteSpace(filter.Query);
        var sort = byName ? Sort.Name
            : searching ? Sort.Newest
            : filter.View == WorklistView.Reception || (filter.View == WorklistView.Mine && IsDeskOnly(who)) ? Sort.Submitted
            : Sort.Due;
        var (rows, total, number, moved) = await PageAsync(query, drafts, sort, filter, Partitions(filter, agencies is not null), nameSearch, ct);

        var ids = rows.Select(r => r.Id).ToList();
        var active = await db.DossierSteps.AsNoTracking()
            .Where(s => ids.Contains(s.DossierId) && s.State == StepState.Active)
            .Select(s => new { s.DossierId, s.Name, s.AssigneeName }).ToListAsync(ct);
        var versions = rows.Select(r => r.VersionId).Distinct().ToList();
        var names = await db.ProcedureVersions.AsNoTracking().Where(v => versions.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);

        var result = rows.Select(r =>
        {
            var step = active.FirstOrDefault(a => a.DossierId == r.Id);
            return new WorklistRow(r.Id, r.Code ?? string.Empty, r.Name, names.GetValueOrDefault(r.VersionId, string.Empty), r.Status, r.Channel,
                r.DueAt, r.SubmittedAt, r.Paused, step?.Name, step?.AssigneeName,
                Dossier.IsOverdue(r.Status, r.DueAt, now), Dossier.IsDueSoon(r.Status, r.DueAt, now, horizon));
        }).ToList();

        string? next = null, previous = null;
        if (result.Count > 0)
        {
            var hasMore = rows.Count > 0 && rows[^1].HasMoreAfter;
            var hasBefore = rows[0].HasMoreBefore;
            next = hasMore ? Cursor(sort, rows[^1]) : null;
            previous = hasBefore ? Cursor(sort, rows[0]) : null;
        }

        var counts = new Dictionary<DossierStatus, int>();
        int overdue = 0, dueSoon = 0;
        if (agencies is not null)
        {
            var ofAgencies = AtAgencies(db.Dossiers.AsNoTracking(), agencies);
            counts = await ofAgencies
                .Where(d => Work.Contains(d.Status))
                .GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            overdue = await ofAgencies.CountAsync(Dossier.OverdueAt(now), ct);
            dueSoon = await ofAgencies.CountAsync(Dossier.DueSoonAt(now, horizon), ct);
        }

        var mine = await db.DossierSteps.CountAsync(s => s.AssigneeId == who.UserId && s.State == StepState.Active
            && db.Dossiers.Any(d => d.Id == s.DossierId && StepStatuses.Contains(d.Status)), ct);
        return new WorklistPage(result, next, previous, counts, overdue, dueSoon, mine, byName, sort switch
        {
            Sort.Submitted => WorklistOrder.FiledFirst,
            Sort.Newest => WorklistOrder.NewestFirst,
            Sort.Name => WorklistOrder.ByName,
            _ => WorklistOrder.DueFirst,
        }, total, number, moved);
    }

    /// <summary>A desk official without a handler's or approver's role: their work goes by filing time.</summary>
    public static bool IsDeskOnly(OfficialContext who) => who.Has(Roles.Reception) && !who.Has(Roles.Handler) && !who.Has(Roles.Approver);

    /// <summary>
    /// The dossiers of these agencies. One agency (no merger) keeps the plain equality the (agency, …) indexes were
    /// measured with; after a merger the list has the successor and the merged agencies.
    /// </summary>
    private static IQueryable<Dossier> AtAgencies(IQueryable<Dossier> q, int[] agencies)
    {
        if (agencies.Length == 1)
        {
            var only = agencies[0];
            return q.Where(d => d.AgencyId == only);
        }

        return agencies.Length == 0 ? q.Where(d => false) : q.Where(d => agencies.Contains(d.AgencyId));
    }

    private IQueryable<Dossier> Scope(OfficialContext who, WorklistFilter f, int[]? agencies, string[] agencyCodes, DateTime now, DateTime horizon, out bool byName,
        out NameSearch? nameSearch, out bool drafts)
    {
        byName = false;
        nameSearch = null;
        var q = db.Dossiers.AsNoTracking();
        // Drafts are nobody's work but their applicant's. Most lists exclude them by what they ask already (a status of work,
        // a due time); saying it again costs a read of the row for each index entry an offset skips or a count reads (a jump
        // 45 000 rows deep into the agency's (agency, due, id) index: 2 ms without, 57–150 ms with it on SQLite at 1 M). A
        // search asks no status: its query keeps the drafts, and the caller leaves them out (see PageAsync).
        var draftsOut = true;
        // Without an agency (own or chosen) there is no desk, no unassigned step and no liên thông.
        var mine = agencies ?? [];
        switch (f.View)
        {
            case WorklistView.Mine when who.Has(Roles.Handler) || who.Has(Roles.Approver):
                var me = who.UserId;
                var myRoles = who.Roles.ToArray();
                // Read from the steps (by assignee, by agency for the unassigned) into the dossiers, never the other way round.
                var unassigned = db.DossierSteps.Where(s => s.State == StepState.Active && s.AssigneeId == null && myRoles.Contains(s.Role));
                if (mine.Length == 1)
                {
                    var only = mine[0];
                    unassigned = unassigned.Where(s => s.AgencyId == only);
                }
                else
                {
                    unassigned = unassigned.Where(s => mine.Contains(s.AgencyId));
                }

                var held = db.DossierSteps.Where(s => s.State == StepState.Active && s.AssigneeId == me).Select(s => s.DossierId)
                    .Concat(unassigned.Select(s => s.DossierId));
                q = q.Where(d => held.Contains(d.Id) && StepStatuses.Contains(d.Status));
                break;
            case WorklistView.Mine:
                q = AtAgencies(q, mine).Where(d => DeskWork.Contains(d.Status));
                break;
            case WorklistView.Reception:
                q = AtAgencies(q, mine).Where(d => d.ReceivedAt == null);
                q = f.Status is { } rs ? q.Where(d => d.Status == rs) : q.Where(d => d.Status == DossierStatus.Submitted);
                draftsOut = f.Status != DossierStatus.Draft;
                break;
            case WorklistView.HandOff:
                q = q.Where(d => !mine.Contains(d.AgencyId) && StepStatuses.Contains(d.Status)
                    && db.DossierSteps.Any(s => s.DossierId == d.Id && mine.Contains(s.AgencyId) && s.State == StepState.Active));
                break;
            default:
                if (agencies is not null)
                {
                    q = AtAgencies(q, agencies);
                }

                var searching = !string.IsNullOrWhiteSpace(f.Query);
                if (!searching)
                {
                    // Sorted by due time: only received dossiers have one (the reception stage has its own list).
                    q = q.Where(d => d.DueAt != null);
                }

                if (f.Status is { } s)
                {
                    q = q.Where(d => d.Status == s);
                }
                else if ((!f.AllStatuses || agencies is null) && !searching)
                {
                    q = q.Where(d => ReceivedWork.Contains(d.Status));
                }

                draftsOut = !searching || (f.Status is not null && f.Status != DossierStatus.Draft);
                break;
        }

        drafts = !draftsOut || f.Status == DossierStatus.Draft;

        if (f.ProcedureId is { } p)
        {
            q = q.Where(d => d.ProcedureId == p);
        }

        if (f.Channel is { } c)
        {
            q = q.Where(d => d.Channel == c);
        }

        if (f.OverdueOnly)
        {
            q = q.Where(Dossier.OverdueAt(now));
        }

        if (f.DueSoonOnly)
        {
            q = q.Where(Dossier.DueSoonAt(now, horizon));
        }

        var text = VietnameseText.Normalize(f.Query);
        if (text.Length == 0)
        {
            return q;
        }

        var phone = Filing.Identifiers.CleanPhone(text);
        if (Filing.Identifiers.IsMobilePhone(phone))
        {
            // Ten digits from 0 are a mobile number, and may be a tax code too (MSTs of the north begin 01).
            return q.Where(d => d.Applicant.Phone == phone || d.Applicant.IdNumber == phone);
        }

        if (IdNumber().IsMatch(text))
        {
            return q.Where(d => d.Applicant.IdNumber == text);
        }

        if (FullCode().IsMatch(text))
        {
            var code = text.ToUpperInvariant();
            return q.Where(d => d.Code == code);
        }

        if (ShortCode().IsMatch(text) && agencyCodes.Length > 0)
        {
            // A merged agency's dossiers keep its code: the short code may belong to any of the agencies of the list.
            var codes = agencyCodes.Select(a => a + "-" + text).ToArray();
            if (codes.Length == 1)
            {
                var code = codes[0];
                return q.Where(d => d.Code == code);
            }

            return q.Where(d => codes.Contains(d.Code));
        }

        // Part of an identity number or of a phone (the last digits the applicant reads out), within the agency's own dossiers.
        if (PartialNumber().IsMatch(text))
        {
            return agencies is null ? q.Where(d => false)
                : q.Where(d => d.Applicant.IdNumber!.Contains(text) || d.Applicant.Phone!.Contains(text));
        }

        byName = true;
        var key = VietnameseText.SearchKey(text);

        // Without an agency the name index (agency, name) cannot serve the search: province-wide search goes by code or CCCD.
        if (key.Length == 0 || agencies is null)
        {
            return q.Where(d => false);
        }

        // From the start of the name as a range [key, next), which both providers seek in the (AgencyId, ApplicantNameKey)
        // index. When no name of the list starts so ("huu anh", "binh"), from the start of a later word instead: a scan of the
        // agency's names, paid only by a search that used to find nothing (an OR of both cost PostgreSQL 8 → 154 ms at 1 M on
        // every surname search, docs/PERFORMANCE.md).
        var next = key[..^1] + (char)(key[^1] + 1);
        var inner = " " + key;
        nameSearch = new NameSearch(d => d.ApplicantNameKey.CompareTo(key) >= 0 && d.ApplicantNameKey.CompareTo(next) < 0, d => d.ApplicantNameKey.Contains(inner));
        return q;
    }

    /// <summary>A name search: from the start of the name, else (when no name of the list starts so) from a later word.</summary>
    private sealed record NameSearch(Expression<Func<Dossier, bool>> FromStart, Expression<Func<Dossier, bool>> FromLaterWord);

    private enum Sort
    {
        Due,
        Submitted,
        Newest,

        /// <summary>A name search, in the order of the (agency, name) index it reads.</summary>
        Name,
    }

    /// <summary>
    /// The statuses an agency list is read from one by one when it shows a few of them (the open work, the overdue):
    /// each read walks the (agency, status, due) index in order, and the pages are merged, instead of letting the
    /// planner walk the agency's whole history by due time and filter.
    /// </summary>
    private static DossierStatus[]? Partitions(WorklistFilter f, bool ofAgency)
    {
        if (f.View != WorklistView.Agency || !string.IsNullOrWhiteSpace(f.Query) || f.Status is not null)
        {
            return null;
        }

        IEnumerable<DossierStatus>? set = f.AllStatuses && ofAgency ? null : ReceivedWork;
        if (f.OverdueOnly || f.DueSoonOnly)
        {
            set = (set ?? Dossier.ClockRunningStatuses).Intersect(Dossier.ClockRunningStatuses);
        }

        return set?.ToArray();
    }

    /// <summary>
    /// The rows of one page, the list's total and the page's number. With a key (<see cref="WorklistFilter.After"/> or
    /// <see cref="WorklistFilter.Before"/>) the page is read by key and <see cref="WorklistFilter.Page"/> only names it (the
    /// links carry it); without one, a page past the first is a jump read by offset. A page number outside the list gives
    /// the nearest page, and says so.
    /// </summary>
    private static async Task<(List<RawRow> Rows, int Total, int Number, bool Moved)> PageAsync(IQueryable<Dossier> query, bool drafts, Sort sort,
        WorklistFilter f, DossierStatus[]? partitions, NameSearch? nameSearch, CancellationToken ct)
    {
        if (nameSearch is { } search && sort == Sort.Name)
        {
            // Asked without the page key, so that every page of one search, and its total, read the same way.
            var listed = drafts ? query.Where(NotDraft) : query;
            query = query.Where(await listed.Where(search.FromStart).AnyAsync(ct) ? search.FromStart : search.FromLaterWord);
        }

        // A search's total counts its matches in the index it searches, less the drafts among them (found by the (agency, status)
        // index): a count that checks each match's status reads every matching row (a later-word search: 9 → 384 ms on SQLite at 1 M).
        var counted = query;
        Task<int> CountAsync(Func<IQueryable<Dossier>, IQueryable<Dossier>> narrow) => drafts ? CountLessDraftsAsync(narrow(counted), ct) : narrow(counted).CountAsync(ct);
        query = drafts ? query.Where(NotDraft) : query;

        partitions = sort == Sort.Due ? partitions : null;
        var keyed = f.After is not null || f.Before is not null;
        if (!keyed && f.Page is { } asked && asked > 1)
        {
            return await JumpAsync(query, await CountAsync(q => q), sort, partitions, asked, ct);
        }

        var backwards = f.Before is not null && f.After is null;
        var key = Parse(backwards ? f.Before : f.After);
        var fromKey = key.At is not null || key.Name is not null || (sort == Sort.Newest && key.Id > 0);
        var rows = await ReadAsync(query, sort, partitions, backwards, key, 0, PageSize + 1, ct);
        var more = rows.Count > PageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backwards)
        {
            rows.Reverse();
        }

        if (rows.Count > 0)
        {
            // Going forward, there is a page before whenever we started after a key; going back, a page after.
            rows[0] = rows[0] with { HasMoreBefore = backwards ? more : fromKey };
            rows[^1] = rows[^1] with { HasMoreAfter = backwards || more };
        }

        // A first page that holds the whole list is its own total (most searches): no count.
        var total = !fromKey && !more ? rows.Count : await CountAsync(q => q);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        int number;
        if (rows.Count == 0 || !rows[0].HasMoreBefore)
        {
            number = 1;
        }
        else if (!rows[^1].HasMoreAfter)
        {
            number = pages;
        }
        else if (keyed && f.Page is { } named)
        {
            number = Math.Clamp(named, 1, pages);
        }
        else
        {
            // A key without the page's number (an old link): the rows before the page tell it.
            var before = await CountAsync(q => Beyond(q, sort, true, Parse(Cursor(sort, rows[0]))));
            number = Math.Clamp((before / PageSize) + 1, 1, pages);
        }

        return (rows, total, number, !keyed && f.Page is < 1);
    }

    /// <summary>
    /// Page <paramref name="asked"/> (past the first) by offset: what a number typed in, or the link to the last page, asks. The
    /// latter half of the list is read backwards from its end, so the last page costs what the first does; the middle of a long
    /// list costs a walk of half of it in the list's index (docs/PERFORMANCE.md).
    /// </summary>
    private static async Task<(List<RawRow> Rows, int Total, int Number, bool Moved)> JumpAsync(IQueryable<Dossier> query, int total, Sort sort,
        DossierStatus[]? partitions, int asked, CancellationToken ct)
    {
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var number = Math.Min(asked, pages);
        var first = (number - 1) * PageSize;
        var size = Math.Min(PageSize, total - first);
        List<RawRow> rows;
        if (size <= 0)
        {
            rows = [];
        }
        else if (number * 2 > pages + 1)
        {
            rows = await ReadAsync(query, sort, partitions, true, default, total - first - size, size, ct);
            rows.Reverse();
        }
        else
        {
            rows = await ReadAsync(query, sort, partitions, false, default, first, size, ct);
        }

        if (rows.Count > 0)
        {
            rows[0] = rows[0] with { HasMoreBefore = number > 1 };
            rows[^1] = rows[^1] with { HasMoreAfter = number < pages };
        }

        return (rows, total, number, number != asked);
    }

    private static readonly Expression<Func<Dossier, bool>> NotDraft = d => d.Status != DossierStatus.Draft;

    private static async Task<int> CountLessDraftsAsync(IQueryable<Dossier> query, CancellationToken ct) =>
        await query.CountAsync(ct) - await query.CountAsync(d => d.Status == DossierStatus.Draft, ct);

    /// <summary>
    /// Rows in the direction of travel from a key, skipping <paramref name="skip"/>. A list of a few statuses reads each from the
    /// (agency, status, due) index in order and merges them (each read stops at skip + take rows).
    /// </summary>
    private static async Task<List<RawRow>> ReadAsync(IQueryable<Dossier> query, Sort sort, DossierStatus[]? partitions, bool backwards, PageKey key,
        int skip, int take, CancellationToken ct)
    {
        if (partitions is null)
        {
            if (skip > 0 && await KeyAtAsync(query, sort, backwards, skip - 1, ct) is { } before)
            {
                // The row before the page by an offset over the sort's key alone, which its index covers; then the page after it
                // by key, reading 50 rows rather than fetching each skipped one (PostgreSQL fetched the 45 000 rows it skipped).
                return await FetchAsync(query, sort, backwards, before, 0, take, ct);
            }

            return await FetchAsync(query, sort, backwards, key, skip, take, ct);
        }

        var all = new List<RawRow>();
        foreach (var status in partitions)
        {
            all.AddRange(await FetchAsync(query.Where(d => d.Status == status), sort, backwards, key, 0, skip + take, ct));
        }

        var merged = backwards
            ? all.OrderByDescending(r => r.DueAt).ThenByDescending(r => r.Id)
            : all.OrderBy(r => r.DueAt).ThenBy(r => r.Id);
        return [.. merged.Skip(skip).Take(take)];
    }

    /// <summary>The key of the row <paramref name="offset"/> rows into the list (null past its end, or for a row without its time).</summary>
    private static async Task<PageKey?> KeyAtAsync(IQueryable<Dossier> query, Sort sort, bool backwards, int offset, CancellationToken ct)
    {
        var at = Ordered(query, sort, backwards).Skip(offset);
        var key = sort switch
        {
            Sort.Name => await at.Select(d => new { At = (DateTime?)null, Name = (string?)d.ApplicantNameKey, d.Id }).FirstOrDefaultAsync(ct),
            Sort.Submitted => await at.Select(d => new { At = d.SubmittedAt, Name = (string?)null, d.Id }).FirstOrDefaultAsync(ct),
            Sort.Newest => await at.Select(d => new { At = (DateTime?)null, Name = (string?)null, d.Id }).FirstOrDefaultAsync(ct),
            _ => await at.Select(d => new { At = d.DueAt, Name = (string?)null, d.Id }).FirstOrDefaultAsync(ct),
        };
        return key is null || (key.At is null && sort is Sort.Due or Sort.Submitted) ? null : new PageKey(key.At, key.Name, key.Id);
    }

    private static IQueryable<Dossier> Ordered(IQueryable<Dossier> query, Sort sort, bool backwards) => sort switch
    {
        Sort.Name => backwards ? query.OrderByDescending(d => d.ApplicantNameKey).ThenByDescending(d => d.Id) : query.OrderBy(d => d.ApplicantNameKey).ThenBy(d => d.Id),
        Sort.Submitted => backwards ? query.OrderByDescending(d => d.SubmittedAt).ThenByDescending(d => d.Id) : query.OrderBy(d => d.SubmittedAt).ThenBy(d => d.Id),
        Sort.Newest => backwards ? query.OrderBy(d => d.Id) : query.OrderByDescending(d => d.Id),
        _ => backwards ? query.OrderByDescending(d => d.DueAt).ThenByDescending(d => d.Id) : query.OrderBy(d => d.DueAt).ThenBy(d => d.Id),
    };

    /// <summary>Up to <paramref name="take"/> rows after (or before) the key, in the direction of travel.</summary>
    private static async Task<List<RawRow>> FetchAsync(IQueryable<Dossier> query, Sort sort, bool backwards, PageKey key, int skip, int take, CancellationToken ct)
    {
        var ordered = Ordered(Beyond(query, sort, backwards, key), sort, backwards);
        if (skip > 0)
        {
            ordered = ordered.Skip(skip);
        }

        return await ordered.Take(take)
            .Select(d => new RawRow(d.Id, d.Code, d.Applicant.FullName, d.ProcedureVersionId, d.Status, d.Channel, d.DueAt, d.SubmittedAt, d.PausedSince != null, d.ApplicantNameKey))
            .ToListAsync(ct);
    }

    /// <summary>The rows strictly after the key in the list's order (before it, going backwards); all of them without a key.</summary>
    private static IQueryable<Dossier> Beyond(IQueryable<Dossier> query, Sort sort, bool backwards, PageKey key)
    {
        var (at, name, id) = key;
        switch (sort)
        {
            case Sort.Name when name is not null:
                return backwards
                    ? query.Where(d => d.ApplicantNameKey.CompareTo(name) <= 0 && (d.ApplicantNameKey.CompareTo(name) < 0 || d.Id < id))
                    : query.Where(d => d.ApplicantNameKey.CompareTo(name) >= 0 && (d.ApplicantNameKey.CompareTo(name) > 0 || d.Id > id));
            case Sort.Submitted when at is { } s:
                return backwards
                    ? query.Where(d => d.SubmittedAt <= s && (d.SubmittedAt < s || d.Id < id))
                    : query.Where(d => d.SubmittedAt >= s && (d.SubmittedAt > s || d.Id > id));
            case Sort.Newest when id > 0:
                return backwards ? query.Where(d => d.Id > id) : query.Where(d => d.Id < id);
            case Sort.Due when at is { } t:
                return backwards
                    ? query.Where(d => d.DueAt <= t && (d.DueAt < t || d.Id < id))
                    : query.Where(d => d.DueAt >= t && (d.DueAt > t || d.Id > id));
            default:
                return query;
        }
    }

    /// <summary>A page key: "ticks_id" for time orders, "n" + base64url(name key) + "_id" for the name order.</summary>
    private static string Cursor(Sort sort, RawRow row) => sort switch
    {
        Sort.Name => string.Create(CultureInfo.InvariantCulture, $"n{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(row.NameKey))}_{row.Id}"),
        Sort.Submitted => string.Create(CultureInfo.InvariantCulture, $"{row.SubmittedAt?.Ticks ?? 0}_{row.Id}"),
        Sort.Due => string.Create(CultureInfo.InvariantCulture, $"{row.DueAt?.Ticks ?? 0}_{row.Id}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"0_{row.Id}"),
    };

    /// <summary>A decoded page key: the time or the name key of the row, and its id.</summary>
    private readonly record struct PageKey(DateTime? At, string? Name, long Id);

    private static PageKey Parse(string? cursor)
    {
        var parts = cursor?.Split('_');
        if (parts is not { Length: 2 } || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return default;
        }

        if (parts[0].StartsWith('n'))
        {
            try
            {
                return new(null, Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0].AsSpan(1))), id);
            }
            catch (FormatException)
            {
                return default;
            }
        }

        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks >= DateTime.MaxValue.Ticks)
        {
            return default;
        }

        return new(ticks > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null, null, id);
    }

    [GeneratedRegex(@"^(\d{12}|\d{10}(-\d{3})?)$")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"^[0-9A-Za-z]{3}\.[0-9A-Za-z]{2}\.[0-9A-Za-z]{2}\.[A-Za-z]\d{2}-\d{6}-\d{4}$")]
    private static partial Regex FullCode();

    [GeneratedRegex(@"^\d{6}-\d{4}$")]
    private static partial Regex ShortCode();

    [GeneratedRegex(@"^\d{4,11}$")]
    private static partial Regex PartialNumber();

    private sealed record RawRow(long Id, string? Code, string Name, int VersionId, DossierStatus Status, Channel Channel, DateTime? DueAt, DateTime? SubmittedAt,
        bool Paused, string NameKey, bool HasMoreBefore = false, bool HasMoreAfter = false);
}
