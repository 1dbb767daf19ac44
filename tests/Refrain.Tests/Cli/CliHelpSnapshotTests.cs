using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

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
    public async Task Help_MatchesSnapshot(string snapshot, params string[] command)
    {
        using var refrain = new RefrainProcess();

        var result = await refrain.RunAsync([.. command, "--help"]);

        Assert.True(result.ExitCode == 0, $"expected exit code 0\n{result}");
        Assert.Equal("", result.Stderr);
        MatchSnapshot(snapshot, NormalizeHelp(result.Stdout));
    }

    /// <summary>The usage line names the program as it was started (<c>dotnet refrain.dll</c> or <c>refrain</c>); snapshots say <c>refrain</c>.</summary>
    private static string NormalizeHelp(string text)
    {
        var lines = text.Split('\n').Select(line => ProgramName().Replace(line.TrimEnd(), "${indent}refrain"));
        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }

    private static void MatchSnapshot(string name, string actual, [CallerFilePath] string sourceFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Snapshots", name);
        if (Environment.GetEnvironmentVariable("REFRAIN_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"missing snapshot {path}; run the tests with REFRAIN_UPDATE_SNAPSHOTS=1 to write it. Output:\n{actual}");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            Assert.Fail($"{name} differs from the program's help (- snapshot, + actual); if the change is intended, run the tests "
                + $"with REFRAIN_UPDATE_SNAPSHOTS=1 and review the diff of {path}\n{Diff(expected, actual)}");
        }
    }

    /// <summary>A line diff (longest common subsequence): unchanged lines with two spaces, removed with '-', added with '+'.</summary>
    private static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var diff = new StringBuilder();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                diff.Append("  ").AppendLine(a[x++]);
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                diff.Append("+ ").AppendLine(b[y++]);
            }
            else
            {
                diff.Append("- ").AppendLine(a[x++]);
            }
        }

        return diff.ToString();
    }

    [GeneratedRegex(@"^(?<indent>\s+)(?:dotnet\s+)?refrain(?:\.dll)?(?=\s|$)")]
    private static partial Regex ProgramName();
}
