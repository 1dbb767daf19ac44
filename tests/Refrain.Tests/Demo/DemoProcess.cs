using System.Diagnostics;

namespace Refrain.Tests.Demo;

/// <summary>
/// <c>refrain demo</c> as a newcomer runs it: the real executable in a working directory of its own, kept running while
/// the test reads its output line by line as it comes; killed on dispose. Unlike <see cref="Cli.RefrainProcess"/> it
/// passes no <c>--database</c> and no <c>Security__TokenKey</c>: the demo makes both.
/// </summary>
public sealed class DemoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private readonly Task _stdout;
    private readonly Task _stderr;
    private readonly List<string> _errors = [];

    private DemoProcess(Process process)
    {
        _process = process;
        _stdout = PumpAsync(process.StandardOutput, _lines);
        _stderr = PumpAsync(process.StandardError, _errors);
    }

    /// <summary>Starts <c>refrain demo &lt;arguments&gt;</c> in <paramref name="directory"/>.</summary>
    public static DemoProcess Start(string directory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "refrain.dll"));
        startInfo.ArgumentList.Add("demo");
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Remove("ConnectionStrings__Refrain");
        startInfo.Environment.Remove("Security__TokenKey");
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start refrain demo");
        process.StandardInput.Close();
        return new DemoProcess(process);
    }

    /// <summary>Everything printed so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return $"--- stdout ---\n{string.Join('\n', _lines)}\n--- stderr ---\n{string.Join('\n', _errors)}";
            }
        }
    }

    /// <summary>The first line (printed so far or later) that <paramref name="match"/> accepts; fails after <paramref name="bound"/> or if the demo exits.</summary>
    public async Task<string> LineAsync(Func<string, bool> match, string what, TimeSpan bound)
    {
        var deadline = DateTimeOffset.UtcNow + bound; // real clock: the bound of a test
        while (true)
        {
            lock (_gate)
            {
                if (_lines.FirstOrDefault(match) is { } line)
                {
                    return line;
                }
            }

            if (_process.HasExited || DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"no {what} line from refrain demo ({(_process.HasExited ? $"it exited with {_process.ExitCode}" : "timed out")})\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits at most <paramref name="bound"/> for the demo to exit by itself; its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan bound)
    {
        using var cts = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"refrain demo did not exit within {bound.TotalSeconds:0} s\n{Output}");
        }

        await Task.WhenAll(_stdout, _stderr);
        return _process.ExitCode;
    }

    /// <summary>Ends the demo at once, as a closed terminal would, and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await Task.WhenAll(_stdout, _stderr);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader, List<string> into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                into.Add(line);
            }
        }
    }

    /// <summary>The host that runs the tests (so the child uses the same runtime), else <c>dotnet</c> from PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var self = Environment.ProcessPath;
        return self is not null && string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal) ? self : "dotnet";
    }
}
