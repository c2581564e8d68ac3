using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Calendar;

/// <summary>
/// The current <see cref="WorkingCalendar"/>, built from the administrators' adjustments and cached.
/// An edit on this node invalidates it at once; other nodes pick it up within <see cref="RefreshAfter"/>.
/// </summary>
public sealed class CalendarProvider(IServiceScopeFactory scopes, IOptions<WorkingTimeOptions> options, TimeProvider time)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(2);
    private WorkingCalendar? _calendar;
    private DateTimeOffset _loadedAt;

    public async ValueTask<WorkingCalendar> GetAsync(CancellationToken ct = default)
    {
        var cached = _calendar;
        if (cached is not null && time.GetUtcNow() - _loadedAt < RefreshAfter)
        {
            return cached;
        }

        // Two requests may both reload after expiry; both get a correct calendar, so no lock is needed.
        await using var scope = scopes.CreateAsyncScope();
        var calendar = await LoadAsync(scope.ServiceProvider.GetRequiredService<PortalDb>(), options.Value, ct);
        _loadedAt = time.GetUtcNow();
        _calendar = calendar;
        return calendar;
    }

    public void Invalidate() => _calendar = null;

    /// <summary>The calendar as the database holds it now, for a job that works inside its own context.</summary>
    public static async Task<WorkingCalendar> LoadAsync(PortalDb db, WorkingTimeOptions options, CancellationToken ct) =>
        new(options, await db.CalendarAdjustments.AsNoTracking().ToListAsync(ct));
}
