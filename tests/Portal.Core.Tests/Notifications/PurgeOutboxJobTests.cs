using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Core.Tests.Notifications;

/// <summary>Processed outbox messages older than the retention go, a batch at a time; pending, dead and recent ones stay. Against the real database.</summary>
public sealed class PurgeOutboxJobTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 20, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Deletes_only_messages_processed_before_the_retention_in_batches_and_a_second_run_finds_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewContext())
        {
            OutboxMessage Message(string type, DateTime created) => new(OutboxKind.Email, type, "{}", null, created);
            for (var i = 0; i < 7; i++)
            {
                var old = Message("old-processed", Now.AddDays(-40));
                old.MarkProcessed(Now.AddDays(-40).AddMinutes(i));
                db.Outbox.Add(old);
            }

            var edge = Message("processed-just-inside", Now.AddDays(-31));
            edge.MarkProcessed(Now.AddDays(-30).AddMinutes(1));
            db.Outbox.Add(edge);
            var recent = Message("recent-processed", Now.AddDays(-2));
            recent.MarkProcessed(Now.AddDays(-2));
            db.Outbox.Add(recent);
            db.Outbox.Add(Message("old-pending", Now.AddDays(-60)));
            var dead = Message("old-dead", Now.AddDays(-60));
            dead.MarkFailed("Máy chủ thư không trả lời.", Now.AddDays(-59), maxAttempts: 1);
            db.Outbox.Add(dead);
            await db.SaveChangesAsync(ct);
        }

        var options = Options.Create(new OutboxOptions { PurgeBatch = 3 });
        var time = new FakeTimeProvider(new DateTimeOffset(Now));
        await using (var db = database.NewContext())
        {
            Assert.Equal(7, await new PurgeOutboxJob(db, options, time, NullLogger<PurgeOutboxJob>.Instance).RunAsync(ct));
        }

        await using (var db = database.NewContext())
        {
            var left = await db.Outbox.Select(m => m.Type).OrderBy(t => t).ToListAsync(ct);
            Assert.Equal(["old-dead", "old-pending", "processed-just-inside", "recent-processed"], left);
            Assert.Equal(0, await new PurgeOutboxJob(db, options, time, NullLogger<PurgeOutboxJob>.Instance).RunAsync(ct));
        }
    }
}
