using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Testing;

/// <summary>
/// A local stand-in for the national portal's sync endpoint on a real loopback port: it records every post, keeps one
/// dossier state per idempotency key (as the real receiver must), checks the API key, and can be told to fail.
/// </summary>
public sealed class FakeNationalPortal : IAsyncDisposable
{
    public const string ApiKey = "khoa-thu-nghiem";

    private readonly WebApplication _app;
    private int _failures;
    private TaskCompletionSource? _held;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeNationalPortal(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Every post received, duplicates included (a retry after a crash may post twice).</summary>
    public ConcurrentQueue<(string Key, JsonElement Body)> Posts { get; } = new();

    /// <summary>What the receiver kept: one state per idempotency key.</summary>
    public ConcurrentDictionary<string, JsonElement> Accepted { get; } = new();

    public string Url { get; private set; } = string.Empty;

    /// <summary>How long each accepted post takes to answer (a slow national portal keeps sync jobs in flight).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public static async Task<FakeNationalPortal> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeNationalPortal(app);
        app.MapPost("/api/dong-bo", async (HttpContext context) =>
        {
            if (context.Request.Headers["X-Api-Key"] != ApiKey)
            {
                return Results.Unauthorized();
            }

            if (Interlocked.Decrement(ref fake._failures) >= 0)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            var key = context.Request.Headers["Idempotency-Key"].ToString();
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            fake.Posts.Enqueue((key, body));
            fake.Accepted.TryAdd(key, body);
            if (Interlocked.Exchange(ref fake._held, null) is { } held)
            {
                var release = fake._release.Task;
                held.TrySetResult();
                await release;
            }

            if (fake.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fake.Delay);
            }

            return Results.Ok(new { received = key });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = address.TrimEnd('/') + "/api/dong-bo";
        return fake;
    }

    /// <summary>
    /// The next post is received and kept but not answered until <see cref="Release"/>: the sender's job is then surely
    /// in flight. The task completes when that post has arrived.
    /// </summary>
    public Task HoldNextAsync()
    {
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _held, held);
        return held.Task;
    }

    /// <summary>Answers the held post (its sender may be gone by then).</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>The next <paramref name="count"/> posts answer 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
