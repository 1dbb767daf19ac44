using System.Text.RegularExpressions;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Cli;

/// <summary>
/// STYLE.md: snapshot what users see. The expected text is the program's own <c>--help</c>, reviewed and committed under
/// <c>Snapshots/</c>; a change to the help shows up as a diff. Set <c>REFRAIN_UPDATE_SNAPSHOTS=1</c> to rewrite them.
/// </summary>
public sealed partial class CliHelpSnapshotTests
{
    [Theory]
    [InlineData("root-help.txt")]
    [InlineData("schedules-help.txt", "schedules")]
    [InlineData("demo-help.txt", "demo")]
    [InlineData("bench-dashboard-help.txt", "bench", "dashboard")]
    public async Task Help_MatchesSnapshot(string snapshot, params string[] command)
    {
        using var refrain = new RefrainProcess();

        var result = await refrain.RunAsync([.. command, "--help"]);

        Assert.True(result.ExitCode == 0, $"expected exit code 0\n{result}");
        Assert.Equal("", result.Stderr);
        Snapshots.Match(snapshot, NormalizeHelp(result.Stdout));
    }

    /// <summary>The usage line names the program as it was started (<c>dotnet refrain.dll</c> or <c>refrain</c>); snapshots say <c>refrain</c>.</summary>
    private static string NormalizeHelp(string text)
    {
        var lines = text.Split('\n').Select(line => ProgramName().Replace(line.TrimEnd(), "${indent}refrain"));
        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }

    [GeneratedRegex(@"^(?<indent>\s+)(?:dotnet\s+)?refrain(?:\.dll)?(?=\s|$)")]
    private static partial Regex ProgramName();
}
