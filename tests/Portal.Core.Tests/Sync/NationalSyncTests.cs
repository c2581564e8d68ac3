using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Core.Tests.Sync;

/// <summary>Status changes posted to a local fake of the national portal, the synced fact recorded on the dossier.</summary>
public sealed class NationalSyncTests : IAsyncLifetime
{
    private FakeNationalPortal _portal = null!;
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _portal = await FakeNationalPortal.StartAsync();
        _app = await PortalApp.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:SeedDemo"] = "true",
            ["Portal:DemoDossiers"] = "30",
            ["Portal:NodeRoles"] = "web",
            ["NationalSync:Endpoint"] = _portal.Url,
            ["NationalSync:ApiKey"] = FakeNationalPortal.ApiKey,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _portal.DisposeAsync();
    }

    private async Task<long> AcceptOneAsync()
    {
        long id = 0;
        await _app.WithDbAsync(async db =>
        {
            var dossier = await db.Dossiers.Where(d => d.Status == DossierStatus.Submitted).OrderBy(d => d.Id).FirstAsync();
            dossier.Accept(DateTime.UtcNow.AddDays(3), DateTime.UtcNow, new Actor(null, "Cán bộ một cửa", Roles.Reception));
            await db.SaveChangesAsync();
            id = dossier.Id;
        });
        return id;
    }

    private async Task DispatchAsync(bool makeDue = false)
    {
        for (var round = 0; round < 3; round++)
        {
            if (makeDue)
            {
                await _app.WithDbAsync(db => db.Outbox.Where(m => m.ProcessedAt == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddMinutes(-1))));
            }

            var ids = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.Where(m => m.ProcessedAt == null && m.DeadAt == null).Select(m => m.Id).ToListAsync());
            foreach (var id in ids)
            {
                await using var scope = _app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DispatchOutboxJob>().RunAsync(id, CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task A_status_change_is_posted_with_the_national_field_names_and_the_dossier_is_marked_synced()
    {
        var id = await AcceptOneAsync();
        await DispatchAsync();

        var dossier = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.NotNull(dossier.SyncedAt);
        Assert.Equal(DossierStatus.Received, dossier.LastSyncedStatus);
        var post = Assert.Single(_portal.Accepted.Values, b => b.GetProperty("MaHoSo").GetString() == dossier.Code);
        Assert.Equal(2, post.GetProperty("TrangThaiHoSo").GetInt32());
        Assert.Equal(2, post.GetProperty("KenhThucHien").GetInt32());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$", post.GetProperty("NgayTiepNhan").GetString());
        Assert.False(string.IsNullOrEmpty(post.GetProperty("MaTTHC").GetString()));
        Assert.Equal("000.", post.GetProperty("MaCoQuan").GetString()![..4]);
        var rows = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.Where(m => m.DossierId == id && m.Kind == OutboxKind.NationalSync).ToListAsync());
        Assert.All(rows, r => Assert.NotNull(r.ProcessedAt));
    }

    [Fact]
    public async Task An_unavailable_portal_is_retried_with_back_off_and_the_dossier_counts_as_synced_only_once_it_answers()
    {
        _portal.FailNext(1);
        var id = await AcceptOneAsync();
        await DispatchAsync();
        var row = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.SingleAsync(m => m.DossierId == id && m.Kind == OutboxKind.NationalSync));
        Assert.Null(row.ProcessedAt);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("503", row.LastError, StringComparison.Ordinal);
        Assert.True(row.NextAttemptAt > DateTime.UtcNow.AddSeconds(20));
        Assert.Null((await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.SingleAsync(d => d.Id == id))).SyncedAt);

        await DispatchAsync(makeDue: true);
        Assert.NotNull((await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.SingleAsync(d => d.Id == id))).SyncedAt);
        Assert.Single(_portal.Accepted.Keys, k => k == $"outbox-{row.Id}");
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_queued_for_the_national_portal()
    {
        await using var app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "30", ["Portal:NodeRoles"] = "web" });
        await app.WithDbAsync(async db =>
        {
            var dossier = await db.Dossiers.Where(d => d.Status == DossierStatus.Submitted).FirstAsync();
            dossier.Accept(DateTime.UtcNow.AddDays(3), DateTime.UtcNow, new Actor(null, "Cán bộ một cửa", Roles.Reception));
            await db.SaveChangesAsync();
        });
        for (var i = 0; i < 2; i++)
        {
            var ids = await app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.Where(m => m.ProcessedAt == null).Select(m => m.Id).ToListAsync());
            foreach (var mid in ids)
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DispatchOutboxJob>().RunAsync(mid, CancellationToken.None);
            }
        }

        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.CountAsync(m => m.Kind == OutboxKind.NationalSync)));
    }
}
