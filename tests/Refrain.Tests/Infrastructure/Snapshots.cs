using System.Runtime.CompilerServices;
using System.Text;

namespace Refrain.Tests.Infrastructure;

/// <summary>
/// STYLE.md: snapshot what users see. A snapshot lives in <c>Snapshots/</c> next to the test that owns it; a change shows up
/// as a line diff. Set <c>REFRAIN_UPDATE_SNAPSHOTS=1</c> to rewrite them, then review the diff.
/// </summary>
public static class Snapshots
{
    public static void Match(string name, string actual, [CallerFilePath] string sourceFile = "")
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
            Assert.Fail($"{name} differs from what the program shows (- snapshot, + actual); if the change is intended, run the tests "
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
}
