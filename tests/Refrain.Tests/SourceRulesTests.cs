using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Refrain.Tests;

/// <summary>House rules that no analyzer here enforces: time only from TimeProvider, no blocking waits.</summary>
public sealed partial class SourceRulesTests
{
    [Fact]
    public void Source_ReadsTimeOnlyThroughTimeProviderAndNeverBlocks()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offences = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => Banned().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(src, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offences.Count == 0, "banned APIs:\n" + string.Join('\n', offences));
    }

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    [GeneratedRegex(@"DateTime(Offset)?\.(Utc)?Now\b|Thread\.Sleep|\.Wait\(\)|\.Result\b|\.GetAwaiter\(\)\.GetResult\(\)")]
    private static partial Regex Banned();
}
