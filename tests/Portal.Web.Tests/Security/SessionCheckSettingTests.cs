using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>The per-request session check can be left out only where bench/load/session-ab.sh measures its cost.</summary>
public sealed class SessionCheckSettingTests
{
    [Fact]
    public async Task Leaving_out_the_per_request_session_check_outside_the_benchmarks_stops_the_start_with_the_reason()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await PortalApp.StartKestrelAsync(new Dictionary<string, string?> { ["Identity:SkipPerRequestStampCheck"] = "true" });
        });

        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        Assert.Contains(messages, m => m.StartsWith("Identity:SkipPerRequestStampCheck is accepted only in the Benchmark environment", StringComparison.Ordinal));
    }
}
