using System.Diagnostics;
using System.Text;
using Xunit;

namespace Portal.Testing;

/// <summary>
/// The built web host (<c>src/Portal.Web/bin/{configuration}/net10.0/Portal.Web.dll</c>) as a process of its own, as an
/// installation runs it: settings only from environment variables, its output kept for the failure message, killed with
/// SIGKILL on <see cref="Kill"/>. Used for the worker node of the crash loop and for the Production installation.
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote on standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The web host's assembly as <c>dotnet build Portal.sln</c> left it, in the test's own configuration.</summary>
    public static string WebDll()
    {
        var dir = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = dir.Parent!.Name;
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }

        var dll = Path.Combine(dir!.FullName, "src", "Portal.Web", "bin", configuration, "net10.0", "Portal.Web.dll");
        Assert.True(File.Exists(dll), $"The web host must be built at {dll} (dotnet build Portal.sln).");
        return dll;
    }

    /// <summary>Starts <c>dotnet Portal.Web.dll args…</c> in <paramref name="workingDirectory"/> with exactly these settings added.</summary>
    public static PortalProcess Start(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [WebDll(), .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Nothing of the test runner's own host settings leaks into the installation.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new PortalProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Runs a command of the host (<c>admin create …</c>) to its end; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        using var process = Start(environment, workingDirectory, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process._process.WaitForExitAsync(timeout.Token);
        // The asynchronous readers have seen the end of both streams once the parameterless wait returns.
        process._process.WaitForExit();
        return (process._process.ExitCode, process.Output);
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, jobs cut mid-flight.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // The last lines are what explains a failure; a long run keeps about the last 200 kB.
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }

            _output.AppendLine(line);
        }
    }
}
