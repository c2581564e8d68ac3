using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Core.Text;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Admin.Controllers;

[Area("Admin")]
[Authorize(Roles = Roles.Admin)]
[Route("quan-tri")]
public sealed class HomeController(PortalDb db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(new AdminHome(
        await db.Outbox.CountAsync(m => m.DeadAt != null, ct),
        await db.Outbox.CountAsync(m => m.ProcessedAt == null && m.DeadAt == null, ct)));
}

public sealed record AdminHome(int DeadMessages, int PendingMessages);

/// <summary>The government's yearly decisions on days off and make-up days (CalendarAdjustment), per year.</summary>
[Area("Admin")]
[Authorize(Roles = Roles.Admin)]
[Route("quan-tri/lich")]
public sealed class CalendarController(PortalDb db, CalendarProvider calendars, TimeProvider time, AuditTrail audit) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? nam, CancellationToken ct)
    {
        var year = nam is >= 2000 and <= 2100 ? nam.Value : time.GetUtcNow().Year;
        var calendar = await calendars.GetAsync(ct);
        var adjustments = await db.CalendarAdjustments.AsNoTracking()
            .Where(a => a.Date >= new DateOnly(year, 1, 1) && a.Date <= new DateOnly(year, 12, 31))
            .OrderBy(a => a.Date).ToListAsync(ct);
        return View(new CalendarPage(year, calendar.SpecialDays(year), adjustments, new AdjustmentInput { Date = new DateOnly(year, 1, 2) }));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(AdjustmentInput input, CancellationToken ct)
    {
        var note = VietnameseText.Normalize(input.Note);
        if (input.Date is not { } date || date.Year is < 2000 or > 2100)
        {
            ModelState.AddModelError(nameof(input.Date), Bilingual.T("Ngày không hợp lệ (từ năm 2000 đến 2100).", "Not a valid date (years 2000 to 2100)."));
        }

        if (note.Length is < 3 or > 300)
        {
            ModelState.AddModelError(nameof(input.Note), Bilingual.T("Ghi rõ căn cứ (văn bản, quyết định), 3–300 ký tự.", "State the basis (decision, letter), 3–300 characters."));
        }

        if (!Enum.IsDefined(input.Kind))
        {
            ModelState.AddModelError(nameof(input.Kind), Bilingual.T("Chọn loại điều chỉnh.", "Choose the kind of adjustment."));
        }

        // The page shown again is the year of the date typed, when that year is one the calendar computes.
        var year = input.Date is { Year: >= 2000 and <= 2100 } typed ? typed.Year : time.GetUtcNow().Year;
        if (!ModelState.IsValid)
        {
            var calendar = await calendars.GetAsync(ct);
            var adjustments = await db.CalendarAdjustments.AsNoTracking()
                .Where(a => a.Date >= new DateOnly(year, 1, 1) && a.Date <= new DateOnly(year, 12, 31)).OrderBy(a => a.Date).ToListAsync(ct);
            Response.StatusCode = 400;
            return View("Index", new CalendarPage(year, calendar.SpecialDays(year), adjustments, input));
        }

        var existing = await db.CalendarAdjustments.SingleOrDefaultAsync(a => a.Date == input.Date!.Value, ct);
        var before = existing is null ? null : new { Date = Day(existing.Date), Kind = existing.Kind.ToString(), existing.Note };
        if (existing is null)
        {
            db.CalendarAdjustments.Add(new CalendarAdjustment(input.Date!.Value, input.Kind, note));
        }
        else
        {
            existing.Change(input.Kind, note);
        }

        audit.Add(Who, AuditActions.CalendarSave, null, AuditDetail.Change(before, new { Date = Day(input.Date!.Value), Kind = input.Kind.ToString(), Note = note }));

        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        TempData["Message"] = Bilingual.T("Đã lưu điều chỉnh lịch làm việc.", "The calendar adjustment was saved.");
        return RedirectToAction(nameof(Index), new { nam = year });
    }

    [HttpPost("xoa/{id:int}")]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        var adjustment = await db.CalendarAdjustments.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (adjustment is null)
        {
            return NotFound();
        }

        db.CalendarAdjustments.Remove(adjustment);
        audit.Add(Who, AuditActions.CalendarDelete, null,
            AuditDetail.Change(new { Date = Day(adjustment.Date), Kind = adjustment.Kind.ToString(), adjustment.Note }, null));
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        TempData["Message"] = Bilingual.T("Đã xóa điều chỉnh.", "The adjustment was removed.");
        return RedirectToAction(nameof(Index), new { nam = adjustment.Date.Year });
    }

    private AuditActor Who => AuditTrail.ActorOf(User, HttpContext.Connection.RemoteIpAddress?.ToString());

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class AdjustmentInput
{
    public DateOnly? Date { get; set; }
    public CalendarAdjustmentKind Kind { get; set; } = CalendarAdjustmentKind.DayOff;
    public string? Note { get; set; }
}

public sealed record CalendarPage(int Year, IReadOnlyList<CalendarDay> SpecialDays, IReadOnlyList<CalendarAdjustment> Adjustments, AdjustmentInput Input);

/// <summary>The outbox as administrators see it: dead messages (to resend) and what is waiting.</summary>
[Area("Admin")]
[Authorize(Roles = Roles.Admin)]
[Route("quan-tri/thu-gui")]
public sealed class OutboxController(PortalDb db, IBackgroundJobClient jobs, TimeProvider time) : Controller
{
    private const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(bool? cho, int trang = 1, CancellationToken ct = default)
    {
        var waiting = cho == true;
        var query = waiting
            ? db.Outbox.AsNoTracking().Where(m => m.ProcessedAt == null && m.DeadAt == null)
            : db.Outbox.AsNoTracking().Where(m => m.DeadAt != null);
        var total = await query.CountAsync(ct);
        var page = Math.Clamp(trang, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderByDescending(m => m.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(m => new OutboxRow(m.Id, m.Kind, m.Type, m.Dossier != null ? m.Dossier.Code : null, m.CreatedAt, m.Attempts, m.NextAttemptAt, m.LastError, m.DeadAt))
            .ToListAsync(ct);
        return View(new OutboxPage(waiting, rows, page, total, PageSize));
    }

    [HttpPost("gui-lai/{id:long}")]
    public async Task<IActionResult> Resend(long id, CancellationToken ct)
    {
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == id && m.DeadAt != null, ct);
        if (message is null)
        {
            return NotFound();
        }

        message.Resend(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<DispatchOutboxJob>(j => j.RunAsync(id, CancellationToken.None));
        TempData["Message"] = Bilingual.T($"Đã gửi lại thông điệp #{id}.", $"Message #{id} was sent again.");
        return RedirectToAction(nameof(Index));
    }
}

public sealed record OutboxRow(long Id, OutboxKind Kind, string Type, string? DossierCode, DateTime CreatedAt, int Attempts, DateTime NextAttemptAt, string? LastError, DateTime? DeadAt);

public sealed record OutboxPage(bool Waiting, IReadOnlyList<OutboxRow> Rows, int Page, int Total, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
