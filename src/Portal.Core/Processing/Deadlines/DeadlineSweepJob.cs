using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Links;
using Portal.Core.Notifications;

namespace Portal.Core.Processing.Deadlines;

/// <summary>
/// The deadline timers of every open dossier, as one recurring job that reads the (Status, DueAt) index: dossiers
/// whose deadline is within the warning window get a due-soon warning, dossiers whose deadline passed since the
/// last sweep are marked overdue; both to the official holding the dossier and to the agency's approvers. No job is
/// scheduled per dossier, so a million open dossiers cost a range scan of the few that are due, not a million timers.
/// Each batch writes its marks, notifications (outbox rows) and trail in one transaction; a crash repeats a batch,
/// and the unique marks keep every warning single.
/// </summary>
public sealed class DeadlineSweepJob(PortalDb db, CalendarProvider calendars, TimeProvider time, IOptions<DeadlineOptions> options,
    PublicUrls urls, ILogger<DeadlineSweepJob> log)
{
    public const string RecurringId = "deadline-sweep";
    public const string CursorName = "deadlines";

    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    public sealed record Outcome(int DueSoon, int Overdue);

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken ct) => await SweepAsync(ct);

    public async Task<Outcome> SweepAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var horizon = calendar.AddWorkingMinutes(now, o.WarnBeforeWorkingMinutes);
        var swept = await db.SweepCursors.AsNoTracking().Where(c => c.Name == CursorName).Select(c => (DateTime?)c.Until).SingleOrDefaultAsync(ct);
        var from = (swept ?? now.AddDays(-o.InitialLookbackDays)) - Overlap;

        var dueSoon = 0;
        while (true)
        {
            var batch = await Candidates(DeadlineMarkKind.DueSoon, now, horizon, o.BatchSize).ToListAsync(ct);
            await MarkAsync(batch, DeadlineMarkKind.DueSoon, calendar, now, ct);
            dueSoon += batch.Count;
            if (batch.Count < o.BatchSize)
            {
                break;
            }
        }

        var overdue = 0;
        while (true)
        {
            var batch = await Candidates(DeadlineMarkKind.Overdue, from, now, o.BatchSize).ToListAsync(ct);
            await MarkAsync(batch, DeadlineMarkKind.Overdue, calendar, now, ct);
            overdue += batch.Count;
            if (batch.Count < o.BatchSize)
            {
                break;
            }
        }

        var cursor = await db.SweepCursors.SingleOrDefaultAsync(c => c.Name == CursorName, ct);
        if (cursor is null)
        {
            db.SweepCursors.Add(new SweepCursor(CursorName, now));
        }
        else
        {
            cursor.MoveTo(now);
        }

        await db.SaveChangesAsync(ct);
        if (dueSoon + overdue > 0)
        {
            log.LogInformation("Deadline sweep: {DueSoon} due soon, {Overdue} overdue", dueSoon, overdue);
        }

        return new Outcome(dueSoon, overdue);
    }

    /// <summary>Open, running dossiers whose deadline lies in (after, until] and has no mark of this kind yet, earliest first.</summary>
    private IQueryable<Candidate> Candidates(DeadlineMarkKind kind, DateTime after, DateTime until, int take) =>
        db.Dossiers.AsNoTracking()
            .Where(d => Dossier.ClockRunningStatuses.Contains(d.Status) && d.DueAt > after && d.DueAt <= until
                && !db.DeadlineMarks.Any(m => m.DossierId == d.Id && m.Kind == kind && m.DueAt == d.DueAt))
            .OrderBy(d => d.DueAt).ThenBy(d => d.Id)
            .Take(take)
            .Select(d => new Candidate(d.Id, d.Code!, d.AgencyId, d.Status, d.DueAt!.Value));

    private async Task MarkAsync(List<Candidate> batch, DeadlineMarkKind kind, WorkingCalendar calendar, DateTime now, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var ids = batch.Select(c => c.Id).ToList();
        var holders = await db.DossierSteps.AsNoTracking()
            .Where(s => ids.Contains(s.DossierId) && s.State == StepState.Active && s.AssigneeId != null)
            .Join(db.Users, s => s.AssigneeId, u => u.Id, (s, u) => new { s.DossierId, u.Email })
            .ToListAsync(ct);
        // A merged agency's dossiers warn its successor's staff (AgencySuccession), as they are the ones working them.
        var succession = await AgencySuccession.LoadAsync(db, ct);
        var acting = batch.Select(c => c.AgencyId).Distinct().ToDictionary(a => a, a => succession.ActingFor(a));
        var agencies = acting.Values.SelectMany(a => a).Distinct().ToList();
        var staff = (await StaffDirectory.Of(db, agencies, [Roles.Approver, Roles.Reception]).AsNoTracking().ToListAsync(ct))
            .Where(s => s.Email is not null).Select(s => new { s.AgencyId, s.Role, Email = s.Email! }).ToList();

        foreach (var c in batch)
        {
            db.DeadlineMarks.Add(new DeadlineMark(c.Id, kind, c.DueAt, now));
            var to = holders.Where(h => h.DossierId == c.Id && h.Email != null).Select(h => h.Email!)
                .Concat(staff.Where(s => acting[c.AgencyId].Contains(s.AgencyId) && s.Role == Roles.Approver).Select(s => s.Email))
                .ToList();
            if (c.Status == DossierStatus.Received)
            {
                // Not yet handed to a step: the desk holds it.
                to.AddRange(staff.Where(s => acting[c.AgencyId].Contains(s.AgencyId) && s.Role == Roles.Reception).Select(s => s.Email));
            }

            var due = calendar.ToLocal(c.DueAt).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
            var (subject, text) = kind == DeadlineMarkKind.DueSoon
                ? ($"[{c.Code}] Sắp đến hạn giải quyết ({due})",
                    $"Hồ sơ {c.Code} phải giải quyết xong trước {due}. Nếu không kịp, lãnh đạo cơ quan cần ký Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) trước hạn.")
                : ($"[{c.Code}] Đã quá hạn giải quyết ({due})",
                    $"Hồ sơ {c.Code} đã quá hạn giải quyết từ {due} mà chưa có kết quả. Đề nghị xử lý ngay và gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) cho người nộp.");
            foreach (var address in to.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                db.Outbox.Add(new OutboxMessage(OutboxKind.Email, kind == DeadlineMarkKind.DueSoon ? "deadline-due-soon" : "deadline-overdue",
                    new EmailPayload(address, subject, $"{text}\n\nMở hồ sơ: {urls.Link($"/can-bo/ho-so/{c.Id}")}\n\nCổng Dịch vụ công – thư tự động.").Serialize(), c.Id, now));
            }

            db.AuditTrail.Add(new AuditEntry(now, AuditActor.System,
                kind == DeadlineMarkKind.DueSoon ? AuditActions.DeadlineDueSoon : AuditActions.DeadlineOverdue, c.Id, null, due));
        }

        // A collision with another sweep (a second node) fails the batch on the unique marks; the retry skips what is marked.
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private sealed record Candidate(long Id, string Code, int AgencyId, DossierStatus Status, DateTime DueAt);
}
