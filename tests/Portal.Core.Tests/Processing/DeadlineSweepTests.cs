using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Links;
using Portal.Core.Notifications;
using Portal.Core.Processing;
using Portal.Core.Processing.Deadlines;
using Portal.Testing;

namespace Portal.Core.Tests.Processing;

/// <summary>The deadline sweep against a real database, at fixed times (a fresh portal per test: the sweep keeps a cursor).</summary>
public sealed class DeadlineSweepTests : IAsyncLifetime
{
    /// <summary>Monday 02/03/2026 09:00 in Hải Phòng.</summary>
    private static readonly DateTime T0 = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(T0));
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await PortalApp.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:SeedDemo"] = "true",
        ["Portal:DemoDossiers"] = "30",
        ["Portal:NodeRoles"] = "web",
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<DeadlineSweepJob.Outcome> SweepAtAsync(DateTime at)
    {
        _time.SetUtcNow(new DateTimeOffset(at));
        await using var scope = _app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var job = new DeadlineSweepJob(sp.GetRequiredService<PortalDb>(), sp.GetRequiredService<CalendarProvider>(), _time,
            sp.GetRequiredService<IOptions<DeadlineOptions>>(), sp.GetRequiredService<PublicUrls>(), NullLogger<DeadlineSweepJob>.Instance);
        return await job.SweepAsync(CancellationToken.None);
    }

    /// <summary>A walk-in dossier received at <paramref name="at"/> with a 3-working-day limit, handed to its first step.</summary>
    private async Task<(long Id, DateTime Due, Guid Assignee)> ReceivedAsync(DateTime at, bool start = true)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PortalDb>();
        var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "000.20.01.H31");
        var procedure = await db.Procedures.Where(p => p.Name.Contains("tình trạng hôn nhân")).SingleAsync();
        var desk = new Actor(Guid.NewGuid(), "Trần Thị Bình", Roles.Reception);
        var dossier = Dossier.RegisterAtDesk(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency.Id,
            new Applicant(ApplicantKind.Person, "Vũ Văn Hùng", "031088001122", "0912000111", null, "Số 1 Lạch Tray"), Channel.InPerson,
            $"{agency.Code}-260302-{Random.Shared.Next(5000, 9999)}", "123456", calendar.PromisedAt(at, TimeLimit.WorkingDays(3)), at, desk);
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync();
        var assignee = Guid.Empty;
        if (start)
        {
            dossier.StartProcessing(at, desk);
            var steps = await sp.GetRequiredService<StepWorkflow>().StartAsync(dossier, desk, calendar, at, CancellationToken.None);
            await db.SaveChangesAsync();
            assignee = steps[0].AssigneeId!.Value;
        }

        return (dossier.Id, dossier.DueAt!.Value, assignee);
    }

    private Task<List<OutboxMessage>> MailsAsync(long id, string type) => _app.WithScopeAsync(sp =>
        sp.GetRequiredService<PortalDb>().Outbox.Where(m => m.DossierId == id && m.Kind == OutboxKind.Email && m.Type == type).ToListAsync());

    private Task<string> EmailOfAsync(Guid id) => _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.Where(u => u.Id == id).Select(u => u.Email!).SingleAsync());

    [Fact]
    public async Task The_holder_and_the_approver_are_warned_one_working_day_before_and_told_once_when_the_deadline_passes()
    {
        var (id, due, assignee) = await ReceivedAsync(T0);
        var calendar = await _app.Service<CalendarProvider>().GetAsync();
        Assert.Equal(new DateTime(2026, 3, 5, 2, 0, 0, DateTimeKind.Utc), due);

        await SweepAtAsync(T0.AddHours(1));
        Assert.Empty(await MailsAsync(id, "deadline-due-soon"));

        // 4 working hours before the deadline: within the default window of one working day.
        var soon = calendar.AddWorkingMinutes(T0, (3 * 480) - 240);
        await SweepAtAsync(soon);
        var warnings = await MailsAsync(id, "deadline-due-soon");
        var to = warnings.Select(m => EmailPayload.Parse(m.Payload).To).ToList();
        Assert.Contains(await EmailOfAsync(assignee), to);
        Assert.Contains("pheduyet.hongbang@demo.haiphong.vn", to);
        Assert.Equal(to.Count, to.Distinct().Count());
        Assert.Contains("Sắp đến hạn", EmailPayload.Parse(warnings[0].Payload).Subject, StringComparison.Ordinal);

        await SweepAtAsync(soon.AddMinutes(5));
        Assert.Equal(warnings.Count, (await MailsAsync(id, "deadline-due-soon")).Count);

        await SweepAtAsync(due.AddMinutes(30));
        var overdue = await MailsAsync(id, "deadline-overdue");
        Assert.Equal(to.Order(), overdue.Select(m => EmailPayload.Parse(m.Payload).To).Order());
        await SweepAtAsync(due.AddHours(3));
        Assert.Equal(overdue.Count, (await MailsAsync(id, "deadline-overdue")).Count);

        var marks = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().DeadlineMarks.Where(m => m.DossierId == id).ToListAsync());
        Assert.Equal([DeadlineMarkKind.DueSoon, DeadlineMarkKind.Overdue], marks.OrderBy(m => m.Id).Select(m => m.Kind));
        Assert.All(marks, m => Assert.Equal(due, m.DueAt));
        Assert.Equal(2, await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().AuditTrail.CountAsync(a => a.DossierId == id && a.Action.StartsWith("deadline."))));
    }

    [Fact]
    public async Task A_dossier_not_yet_handed_over_warns_the_desk_and_a_paused_or_finished_one_is_left_alone()
    {
        var (waiting, due, _) = await ReceivedAsync(T0, start: false);
        var (paused, _, _) = await ReceivedAsync(T0);
        var (decided, _, _) = await ReceivedAsync(T0);
        var calendar = await _app.Service<CalendarProvider>().GetAsync();
        await _app.WithDbAsync(async db =>
        {
            var p = await db.Dossiers.SingleAsync(d => d.Id == paused);
            p.RequestSupplement("Thiếu giấy tờ.", ["Giấy xác nhận cư trú"], T0.AddHours(2), new Actor(null, "Chuyên viên", Roles.Handler));
            var d = await db.Dossiers.SingleAsync(x => x.Id == decided);
            d.Decide(false, null, calendar, T0.AddHours(3), new Actor(null, "Lãnh đạo", Roles.Approver));
            await db.SaveChangesAsync();
        });

        await SweepAtAsync(due.AddHours(1));
        var desk = (await MailsAsync(waiting, "deadline-overdue")).Select(m => EmailPayload.Parse(m.Payload).To).ToList();
        Assert.Contains("motcua.hongbang@demo.haiphong.vn", desk);
        Assert.Contains("pheduyet.hongbang@demo.haiphong.vn", desk);
        Assert.Empty(await MailsAsync(paused, "deadline-overdue"));
        Assert.Empty(await MailsAsync(decided, "deadline-overdue"));
    }

    [Fact]
    public async Task A_merged_wards_dossier_warns_the_successors_desk_and_approver_who_now_work_it()
    {
        var (waiting, due, _) = await ReceivedAsync(T0, start: false);
        await _app.WithDbAsync(async db =>
        {
            var wards = await db.Agencies.Where(a => a.Code == "000.20.01.H31" || a.Code == "000.20.02.H31").ToDictionaryAsync(a => a.Code);
            wards["000.20.01.H31"].MergeInto(wards["000.20.02.H31"], new DateOnly(2026, 3, 2));
            await db.SaveChangesAsync();
        });

        await SweepAtAsync(due.AddHours(1));

        var to = (await MailsAsync(waiting, "deadline-overdue")).Select(m => EmailPayload.Parse(m.Payload).To).ToList();
        Assert.Contains("motcua.lechan@demo.haiphong.vn", to);
        Assert.Contains("pheduyet.lechan@demo.haiphong.vn", to);
        Assert.DoesNotContain("pheduyet.ngoquyen@demo.haiphong.vn", to);
    }

    [Fact]
    public async Task An_apology_moves_the_deadline_and_the_new_date_gets_its_own_warnings()
    {
        var (id, due, _) = await ReceivedAsync(T0);
        await SweepAtAsync(due.AddMinutes(10));
        Assert.NotEmpty(await MailsAsync(id, "deadline-overdue"));

        var calendar = await _app.Service<CalendarProvider>().GetAsync();
        var newDue = calendar.ToUtc(new DateOnly(2026, 3, 10), calendar.Options.AfternoonEnd);
        await _app.WithDbAsync(async db =>
        {
            var d = await db.Dossiers.SingleAsync(x => x.Id == id);
            d.IssueApology(newDue, "Cần xác minh thêm.", calendar, due.AddHours(1), new Actor(null, "Lãnh đạo", Roles.Approver));
            await db.SaveChangesAsync();
        });
        var before = (await MailsAsync(id, "deadline-overdue")).Count;
        await SweepAtAsync(newDue.AddHours(-2));
        Assert.NotEmpty(await MailsAsync(id, "deadline-due-soon"));
        await SweepAtAsync(newDue.AddMinutes(1));
        Assert.Equal(2 * before, (await MailsAsync(id, "deadline-overdue")).Count);
    }

    [Fact]
    public async Task A_sweep_after_downtime_catches_up_from_its_cursor_and_nothing_is_missed()
    {
        var (id, due, _) = await ReceivedAsync(T0);
        await SweepAtAsync(T0.AddMinutes(5));

        // The workers were down for four days; the first sweep afterwards marks what passed meanwhile.
        var outcome = await SweepAtAsync(due.AddDays(4));
        Assert.True(outcome.Overdue >= 1);
        Assert.NotEmpty(await MailsAsync(id, "deadline-overdue"));
    }
}
