using System.Diagnostics;

namespace Refrain.Tests.Cli;

/// <summary>
/// Runs the real <c>refrain</c> executable (<c>dotnet refrain.dll ...</c> from the test output directory) to its end in a
/// fresh temporary working directory with its own SQLite database, and captures what it printed.
/// </summary>
public sealed class RefrainProcess : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public RefrainProcess()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("refrain-cli-").FullName;
        DatabasePath = Path.Combine(Directory, "t.db");
    }

    /// <summary>The working directory of every command run through this instance.</summary>
    public string Directory { get; }

    /// <summary>The SQLite file passed as <c>--database</c> unless a command gives its own.</summary>
    public string DatabasePath { get; }

    public string ConnectionString => $"Data Source={DatabasePath}";

    /// <summary>Environment variables of every command run through this instance; a null value removes the variable.</summary>
    public Dictionary<string, string?> Variables { get; } = new(StringComparer.Ordinal) { ["Security__TokenKey"] = Security.TestTokenKeys.Default };

    /// <summary>Runs <c>refrain &lt;arguments&gt;</c> (adding <c>--database</c> when absent) and waits, at most 60 s, for it to exit.</summary>
    public async Task<CliResult> RunAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Directory,
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

        if (!arguments.Contains("--database", StringComparer.Ordinal))
        {
            startInfo.ArgumentList.Add("--database");
            startInfo.ArgumentList.Add(ConnectionString);
        }

        // Only the command line configures the child.
        startInfo.Environment.Remove("ConnectionStrings__Refrain");
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in Variables)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start refrain");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(stdout, stderr).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"refrain {string.Join(' ', arguments)} did not exit within {Timeout.TotalSeconds:0} s");
        }

        return new CliResult(string.Join(' ', arguments), process.ExitCode, Normalize(await stdout), Normalize(await stderr));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

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

/// <summary>What one <c>refrain</c> invocation printed, and its exit code.</summary>
public sealed record CliResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines => Lines(Stdout);

    public IReadOnlyList<string> StderrLines => Lines(Stderr);

    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"refrain {Command}\nexit code {ExitCode}\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
