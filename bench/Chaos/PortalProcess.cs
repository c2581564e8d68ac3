using System.Diagnostics;

namespace Portal.Bench.Chaos;

/// <summary>
/// The portal under test: the Release web host (web and worker in one process, the embedded default), started, killed with
/// SIGKILL at random moments and started again. Clients wait on <see cref="ReadyAsync"/> while it is down.
/// </summary>
internal sealed class PortalProcess(string dll, string url, IReadOnlyDictionary<string, string> settings, string log) : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _log = new(log, append: true) { AutoFlush = true };
    private Process? _process;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Url { get; } = url;

    public int Starts { get; private set; }

    public List<double> StartSeconds { get; } = [];

    public Task ReadyAsync()
    {
        lock (_gate)
        {
            return _ready.Task;
        }
    }

    public async Task StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings.Concat(extra ?? new Dictionary<string, string>()))
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("The portal did not start.");
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_gate)
        {
            _process = process;
        }

        using var probe = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode} while starting; see {log}.");
            }

            try
            {
                using var response = await probe.GetAsync(Url + "/");
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
            if (watch.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException("The portal did not answer within 3 minutes.");
            }
        }

        Starts++;
        StartSeconds.Add(watch.Elapsed.TotalSeconds);
        lock (_gate)
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, requests and jobs cut wherever they are.</summary>
    public void Kill()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
            _process = null;
            if (_ready.Task.IsCompleted)
            {
                _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (process is null)
        {
            return;
        }

        Write($"==== chaos: kill -9 {process.Id} at {DateTime.UtcNow:O}");
        process.Kill(entireProcessTree: true);
        process.WaitForExit(30_000);
        process.Dispose();
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _log.DisposeAsync();
    }
}
