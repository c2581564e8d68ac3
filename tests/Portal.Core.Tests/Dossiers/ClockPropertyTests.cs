using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Statistics;
using Portal.Core.Tests.Statistics;
using Portal.Testing;

namespace Portal.Core.Tests.Dossiers;

/// <summary>
/// The deadline clock says one thing everywhere. Random histories (pauses over nights, weekends and Tết, second supplements,
/// stops and withdrawals while paused, apologies) are played into a real database (SQLite, or PostgreSQL under
/// PORTAL_TEST_DB=postgres), then every dossier is read the ways the portal reads it: the aggregate's outcome, the reference
/// count written apart from it, the statistics buckets, the lists behind the figures and the worklists' overdue and due-soon
/// queries must agree, and the paused time must be the working time of the pauses themselves.
/// </summary>
public sealed class ClockPropertyTests
{
    private static readonly DateTime Now = new(2026, 4, 15, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 4, 15);
    private static readonly Period Everything = Period.Custom(new DateOnly(2025, 1, 1), Today);

    [Fact]
    public async Task Statistics_worklists_and_pages_read_the_same_clock_on_every_dossier()
    {
        var ct = TestContext.Current.CancellationToken;
        var calendar = DossierScenarios.WorkCalendar;
        var zone = calendar.TimeZone;
        await using var database = await TestDatabase.CreateAsync();
        PortalDb NewContext() => database.NewContext([new StatisticsSink(zone)]);
        await HistoryPlayer.PlayRandomAsync(NewContext, "CK", calendar, 1302, 500,
            new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 14, 0, 0, 0, DateTimeKind.Utc), Now,
            [DateTime.MinValue, new DateTime(2026, 2, 18, 0, 0, 0, DateTimeKind.Utc)], ct);

        await using var read = NewContext();
        var raw = await read.Dossiers.AsNoTracking().Include(d => d.SupplementRequests).ToListAsync(ct);
        var resultIsDocument = await read.ProcedureVersions.ToDictionaryAsync(v => v.Id, v => v.ResultIsDocument, ct);
        var reference = new ReferenceStatistics(raw, resultIsDocument, calendar);

        // The cases that made the two measures differ are all there.
        var finished = raw.Where(d => d.ReceivedAt is not null && d.FinishedAt is not null).ToList();
        Assert.Contains(finished, d => d.PausedMinutes > 0 && d.SupplementRequests.Any(s => s.RequestedAt < new DateTime(2026, 2, 13, 0, 0, 0, DateTimeKind.Utc)
            && s.AnsweredAt > new DateTime(2026, 2, 22, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Contains(finished, d => d.PausedMinutes > 0 && d.Outcome(zone) == Timeliness.Late && d.ProcessingSupplementCount == 1);
        Assert.Contains(raw, d => d.IsOverdueAt(Now));
        Assert.Contains(raw, d => d.ApologyIssuedAt is not null);

        foreach (var d in raw.Where(d => d.ReceivedAt is not null))
        {
            // Paused time is the working time of the pauses, and it moved the due date by exactly that much.
            var pauses = reference.PausedWorkingMinutes(d);
            Assert.True(pauses == d.PausedMinutes, $"{d.Code}: {d.PausedMinutes} paused minutes stored, {pauses} working minutes in its pauses");
            if (d.ApologyIssuedAt is null && !d.IsPaused && d.Status != DossierStatus.Stopped && d.Status != DossierStatus.Withdrawn)
            {
                Assert.Equal(calendar.AddWorkingMinutes(d.PromisedAt!.Value, d.PausedMinutes), d.DueAt);
            }

            if (d.FinishedAt is { } end)
            {
                Assert.Equal(calendar.SubtractWorkingMinutes(end, d.PausedMinutes), d.EffectiveEndAt);
            }
        }

        // The aggregate's outcome is the reference's, the statistics' and the lists'.
        var sets = new DossierSets(zone);
        var snapshot = await new StatisticsReader(read).ReadAsync(Everything, Today, StatisticsScope.Province, ct: ct);
        foreach (var (figure, outcome) in new[] { (Figure.FinishedEarly, Timeliness.Early), (Figure.FinishedOnTime, Timeliness.OnTime), (Figure.FinishedLate, Timeliness.Late) })
        {
            var byAggregate = finished.Where(d => d.Outcome(zone) == outcome).Select(d => d.Id).Order().ToList();
            var byReference = raw.Where(d => reference.Is(figure, d, Everything, Today)).Select(d => d.Id).Order().ToList();
            var listed = await sets.Apply(read, new DossierSetFilter(figure, Everything, Today, StatisticsScope.Province)).Select(d => d.Id).OrderBy(id => id).ToListAsync(ct);
            Assert.True(byAggregate.SequenceEqual(byReference), $"{figure}: aggregate {byAggregate.Count}, reference {byReference.Count}");
            Assert.True(byAggregate.SequenceEqual(listed), $"{figure}: aggregate {byAggregate.Count}, listed {listed.Count}");
            Assert.Equal(byAggregate.Count, snapshot.Total[figure]);
        }

        // The worklists' queries (desk, handler, sweep) and the pages' checks (dossier page, citizen's list and page).
        foreach (var at in new[] { Now, Now.AddHours(-30), Now.AddDays(-9), Now.AddDays(4) })
        {
            var horizon = at.AddHours(8);
            var overdue = await read.Dossiers.Where(Dossier.OverdueAt(at)).Select(d => d.Id).OrderBy(id => id).ToListAsync(ct);
            var dueSoon = await read.Dossiers.Where(Dossier.DueSoonAt(at, horizon)).Select(d => d.Id).OrderBy(id => id).ToListAsync(ct);
            Assert.Equal(raw.Where(d => d.IsOverdueAt(at)).Select(d => d.Id).Order(), overdue);
            Assert.Equal(raw.Where(d => d.IsDueSoonAt(at, horizon)).Select(d => d.Id).Order(), dueSoon);
            Assert.All(raw, d => Assert.Equal(d.IsOverdueAt(at), Dossier.IsOverdue(d.Status, d.DueAt, at)));
            Assert.DoesNotContain(raw, d => d.IsOverdueAt(at) && (d.IsPaused || d.Status.IsFinished() || d.ReceivedAt is null));
        }
    }
}
