using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Dossiers;
using Portal.Core.Identity;

namespace Portal.Core.Data.Seeding;

/// <summary>
/// What every installation needs, idempotent: the roles, and the government's published holiday decisions
/// that the computed rules cannot know (from DOMAIN.md; later years are entered by administrators).
/// </summary>
public sealed class ReferenceDataSeeder(PortalDb db, RoleManager<PortalRole> roles, CalendarProvider calendars)
{
    public static readonly IReadOnlyList<CalendarAdjustment> OfficialDecisions =
    [
        // Tết Ất Tỵ 2025: off 25/01–02/02/2025, Tết days Mon 27/01–Fri 31/01, no make-up day.
        new(new DateOnly(2025, 1, 27), CalendarAdjustmentKind.DayOff, "Nghỉ Tết Ất Tỵ 2025 (CV 8726/VPCP-KGVX)"),
        new(new DateOnly(2025, 2, 3), CalendarAdjustmentKind.WorkingDay, "Tết Ất Tỵ 2025 đã nghỉ đủ, không nghỉ bù (CV 8726/VPCP-KGVX)"),
        // 30/4–1/5/2025: Friday 02/5 swapped with Saturday 26/4.
        new(new DateOnly(2025, 5, 2), CalendarAdjustmentKind.DayOff, "Hoán đổi ngày làm việc: nghỉ 02/5/2025"),
        new(new DateOnly(2025, 4, 26), CalendarAdjustmentKind.WorkingDay, "Làm bù thứ Bảy 26/4/2025"),
        // National Day 2026: off Sat 29/8–Wed 02/9, Monday 31/8 swapped with Saturday 22/8.
        new(new DateOnly(2026, 8, 31), CalendarAdjustmentKind.DayOff, "Hoán đổi ngày làm việc: nghỉ 31/8/2026"),
        new(new DateOnly(2026, 8, 22), CalendarAdjustmentKind.WorkingDay, "Làm bù thứ Bảy 22/8/2026"),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new PortalRole(role));
                if (!result.Succeeded && !await roles.RoleExistsAsync(role))
                {
                    throw new InvalidOperationException($"Role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }

        var known = await db.CalendarAdjustments.Select(a => a.Date).ToListAsync(ct);
        var missing = OfficialDecisions.Where(a => !known.Contains(a.Date)).ToList();
        if (missing.Count > 0)
        {
            db.CalendarAdjustments.AddRange(missing.Select(a => new CalendarAdjustment(a.Date, a.Kind, a.Note)));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node seeded the same rows first; the unique date index kept one copy.
                db.ChangeTracker.Clear();
            }

            calendars.Invalidate();
        }
    }
}
