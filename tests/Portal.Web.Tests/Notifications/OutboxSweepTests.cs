using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Web.Tests.Notifications;

/// <summary>
/// The outbox's safety net after crashes (bench/chaos.sh found both): without a Hangfire server (NodeRoles=web), so the
/// jobs the sweep enqueues stay in the queue where the test counts them.
/// </summary>
public sealed class OutboxSweepTests : IAsyncLifetime
{
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:NodeRoles"] = "web" });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private long Queued => _app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount("default");

    private async Task SweepAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SweepOutboxJob>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Lost_messages_are_enqueued_once_and_not_again_every_minute_while_their_jobs_wait_in_the_queue()
    {
        // Three mails committed a minute ago whose jobs a kill lost between the commit and the enqueue.
        await _app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 3; i++)
            {
                db.Outbox.Add(new OutboxMessage(OutboxKind.Email, "lost", new EmailPayload($"dan{i}@example.vn", "Thử", "Nội dung").Serialize(), null,
                    DateTime.UtcNow.AddMinutes(-1)));
            }

            db.SignalOutbox = false;
            await db.SaveChangesAsync();
        });
        var before = Queued;

        await SweepAsync();
        Assert.Equal(before + 3, Queued);

        // A worker running behind has not reached them yet: the next sweeps leave them to the jobs already queued.
        await SweepAsync();
        await SweepAsync();
        Assert.Equal(before + 3, Queued);
    }

    [Fact]
    public void The_sweep_takes_no_lock_that_a_killed_worker_could_leave_behind()
    {
        // DisableConcurrentExecution's lock outlived a kill -9 mid-sweep and failed every later sweep for ten minutes.
        var job = Job.FromExpression<SweepOutboxJob>(j => j.RunAsync(CancellationToken.None));
        Assert.DoesNotContain(JobFilterProviders.Providers.GetFilters(job), f => f.Instance is DisableConcurrentExecutionAttribute);
    }
}
