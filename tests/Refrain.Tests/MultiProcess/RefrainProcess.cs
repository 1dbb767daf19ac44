using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Refrain.Tests.MultiProcess;

/// <summary>
/// A real <c>refrain</c> process (<c>dotnet refrain.dll ...</c> from the test output directory), run in its own temporary
/// working directory with its own <c>appsettings.json</c>. Standard output and error are captured line by line as they
/// arrive. Disposing kills the process if it is still running and deletes the directory.
/// </summary>
public sealed partial class RefrainProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _directory;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RefrainProcess(string name, Process process, string directory)
    {
        Name = name;
        _process = process;
        _directory = directory;
    }

    public string Name { get; }

    /// <summary>The process id (still known after the process ended).</summary>
    public int Pid { get; private set; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far (stderr lines prefixed with <c>!</c>).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join(Environment.NewLine, Lines);

    /// <summary>
    /// Starts <c>refrain serve</c> on a free port against <paramref name="connectionString"/> with the given settings
    /// (flat keys such as <c>Workers:Slots:*</c>, written as the process's <c>appsettings.json</c>).
    /// </summary>
    public static RefrainProcess StartServe(string name, string connectionString, IReadOnlyDictionary<string, string> settings) =>
        Start(name, ["serve", "--urls", "http://127.0.0.1:0", "--database", connectionString], settings);

    /// <summary>Runs a CLI command to its end; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCliAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        await using var cli = Start("cli", arguments, new Dictionary<string, string>());
        var code = await cli.WaitForExitAsync(timeout);
        return (code, cli.Output);
    }

    public static RefrainProcess Start(string name, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> settings)
    {
        var directory = Directory.CreateTempSubdirectory("refrain-mp-").FullName;
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), SettingsJson(settings));
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
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Only the appsettings.json written above and the command line configure the child.
        startInfo.Environment.Remove("ConnectionStrings__Refrain");
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["Security__TokenKey"] = Security.TestTokenKeys.Default;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var node = new RefrainProcess(name, process, directory);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data, node._stdoutClosed, "");
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data, node._stderrClosed, "!");
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {name}");
        }

        node.Pid = process.Id;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits (bounded) for a line matching <paramref name="pattern"/>; fails if the process exits first.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var line in Lines)
            {
                var match = pattern.Match(line);
                if (match.Success)
                {
                    return match;
                }
            }

            if (_process.HasExited)
            {
                Assert.Fail($"{Name} exited with code {_process.ExitCode} before writing a line matching /{pattern}/; its output:\n{Output}");
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"{Name} wrote no line matching /{pattern}/ within {timeout.TotalSeconds:0} s; its output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Every line matching <paramref name="pattern"/>.</summary>
    public IReadOnlyList<Match> Matches(Regex pattern) =>
        Lines.Select(line => pattern.Match(line)).Where(m => m.Success).ToList();

    /// <summary>Sends SIGTERM (graceful shutdown) and waits for the process to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
                ?? throw new InvalidOperationException("could not run kill");
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(ExitTimeout);
    }

    /// <summary>SIGKILL: the process dies at once, without any shutdown work.</summary>
    public async Task<int> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        return await WaitForExitAsync(ExitTimeout);
    }

    /// <summary>Waits for the process to exit and its output to be read to the end; fails after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Name} did not exit within {timeout.TotalSeconds:0} s; its output:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or never started.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private void OnLine(string? line, TaskCompletionSource closed, string prefix)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (_gate)
        {
            _lines.Add(prefix + line);
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
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    /// <summary>Single-line console logs with UTC timestamps, plus the given flat settings (<c>A:B:C</c> keys) as nested JSON.</summary>
    private static string SettingsJson(IReadOnlyDictionary<string, string> settings)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var root = new JsonObject();
        foreach (var (key, value) in all)
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                if (node[part] is not JsonObject child)
                {
                    child = [];
                    node[part] = child;
                }

                node = child;
            }

            node[parts[^1]] = value;
        }

        return root.ToJsonString();
    }

    /// <summary><c>Worker &lt;id&gt; started with pools ...</c>, logged when a node's worker starts.</summary>
    [GeneratedRegex(@"Worker (?<id>\S+) started with pools")]
    public static partial Regex WorkerStarted();

    /// <summary>The host finished starting (Kestrel bound): a signal before this line makes the host fail to start.</summary>
    [GeneratedRegex(@"Application started\.")]
    public static partial Regex HostStarted();

    /// <summary>The <c>worker_stats</c> line a node logs on graceful shutdown.</summary>
    [GeneratedRegex(@"worker_stats worker=(?<id>\S+) claimed=(?<claimed>\d+) executed=(?<executed>\d+) committed=(?<committed>\d+) fenced=(?<fenced>\d+)")]
    public static partial Regex WorkerStatsLine();
}

/// <summary>The counters of one worker's <c>worker_stats</c> line.</summary>
public sealed record WorkerStatsLine(string WorkerId, long Claimed, long Executed, long Committed, long Fenced)
{
    /// <summary>The single <c>worker_stats</c> line of a process that shut down gracefully.</summary>
    public static WorkerStatsLine Of(RefrainProcess node)
    {
        var matches = node.Matches(RefrainProcess.WorkerStatsLine());
        Assert.True(matches.Count == 1, $"{node.Name}: expected exactly one worker_stats line, found {matches.Count}; output:\n{node.Output}");
        var m = matches[0];
        return new WorkerStatsLine(
            m.Groups["id"].Value,
            long.Parse(m.Groups["claimed"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["executed"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["committed"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["fenced"].Value, CultureInfo.InvariantCulture));
    }
}
