using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Core.Tests.Processing;

public sealed class ProcessingSetupTests
{
    [Fact]
    public async Task Every_outbox_kind_has_exactly_one_handler()
    {
        await using var app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:NodeRoles"] = "web" });
        await using var scope = app.Services.CreateAsyncScope();
        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().GroupBy(h => h.Kind).ToDictionary(g => g.Key, g => g.Count());
        foreach (var kind in Enum.GetValues<OutboxKind>())
        {
            Assert.True(handlers.GetValueOrDefault(kind) == 1, $"{kind} has {handlers.GetValueOrDefault(kind)} handlers; the dispatcher runs only the first.");
        }
    }
}
