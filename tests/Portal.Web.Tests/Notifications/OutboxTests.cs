using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Web.Tests.Notifications;

/// <summary>The outbox without a Hangfire server (NodeRoles=web), so each dispatch is driven by the test.</summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await PortalApp.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:SeedDemo"] = "true",
        ["Portal:DemoDossiers"] = "50",
        ["Portal:NodeRoles"] = "web",
        ["Outbox:MaxAttempts"] = "3",
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private string MailFolder => Path.Combine(_app.DataDirectory, "mail");
    private string SmsFolder => Path.Combine(_app.DataDirectory, "sms");

    private async Task<long> AcceptASubmittedDossierAsync()
    {
        long id = 0;
        await _app.WithDbAsync(async db =>
        {
            var dossier = await db.Dossiers.Where(d => d.Status == DossierStatus.Submitted && d.Applicant.Email != null).OrderBy(d => d.Id).FirstAsync();
            dossier.Accept(DateTime.UtcNow.AddDays(3), DateTime.UtcNow, new Actor(null, "Cán bộ một cửa", Roles.Reception));
            await db.SaveChangesAsync();
            id = dossier.Id;
        });
        return id;
    }

    private async Task DispatchAllAsync()
    {
        for (var round = 0; round < 3; round++)
        {
            var ids = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox
                .Where(m => m.ProcessedAt == null && m.DeadAt == null).Select(m => m.Id).ToListAsync());
            foreach (var id in ids)
            {
                await using var scope = _app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DispatchOutboxJob>().RunAsync(id, CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task A_status_change_becomes_one_email_and_one_sms_to_the_applicant_even_when_dispatched_twice()
    {
        var id = await AcceptASubmittedDossierAsync();
        await DispatchAllAsync();
        await DispatchAllAsync();

        var code = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.Where(d => d.Id == id).Select(d => d.Code).SingleAsync());
        var mails = Directory.GetFiles(MailFolder, "*.eml").Select(File.ReadAllText).Where(t => t.Contains(code!, StringComparison.Ordinal)).ToList();
        Assert.Single(mails);
        var mail = await MimeKit.MimeMessage.LoadAsync(Directory.GetFiles(MailFolder, "*.eml").Single(f => File.ReadAllText(f).Contains(code!, StringComparison.Ordinal)));
        Assert.Contains("đã được tiếp nhận", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Mã tra cứu", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(SmsFolder, "*.txt"), f => File.ReadAllText(f).Contains(code!, StringComparison.Ordinal));

        var rows = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.Where(m => m.DossierId == id).ToListAsync());
        Assert.All(rows, r => Assert.NotNull(r.ProcessedAt));
        Assert.Equal(1, rows.Count(r => r.Kind == OutboxKind.Email));
    }

    [Fact]
    public async Task A_failing_message_backs_off_then_dies_and_an_administrator_can_resend_it()
    {
        long id = 0;
        await _app.WithDbAsync(async db =>
        {
            var m = new OutboxMessage(OutboxKind.Email, "broken", new EmailPayload("not an address", "x", "y").Serialize(), null, DateTime.UtcNow);
            db.Outbox.Add(m);
            await db.SaveChangesAsync();
            id = m.Id;
        });

        async Task<OutboxMessage> RunAndLoad()
        {
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DispatchOutboxJob>().RunAsync(id, CancellationToken.None);
            return await scope.ServiceProvider.GetRequiredService<PortalDb>().Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
        }

        var first = await RunAndLoad();
        Assert.Equal(1, first.Attempts);
        Assert.NotNull(first.LastError);
        Assert.InRange((first.NextAttemptAt - DateTime.UtcNow).TotalSeconds, 20, 31);

        // Not due yet: a second run does nothing.
        Assert.Equal(1, (await RunAndLoad()).Attempts);

        for (var i = 0; i < 2; i++)
        {
            await _app.WithDbAsync(db => db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddMinutes(-1))));
            await RunAndLoad();
        }

        var dead = await RunAndLoad();
        Assert.Equal(3, dead.Attempts);
        Assert.NotNull(dead.DeadAt);

        await _app.WithDbAsync(async db =>
        {
            var m = await db.Outbox.SingleAsync(x => x.Id == id);
            m.Resend(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var resent = await RunAndLoad();
        Assert.Null(resent.DeadAt);
        Assert.Equal(1, resent.Attempts);
    }

    [Fact]
    public async Task Two_workers_on_one_message_process_it_once()
    {
        await AcceptASubmittedDossierAsync();
        var ids = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.Where(m => m.ProcessedAt == null).Select(m => m.Id).ToListAsync());
        await Task.WhenAll(ids.SelectMany(id => Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DispatchOutboxJob>().RunAsync(id, CancellationToken.None);
        })));
        var followUps = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.Where(m => m.Kind == OutboxKind.Sms && m.ProcessedAt == null).CountAsync());
        Assert.Equal(1, followUps);
    }
}
