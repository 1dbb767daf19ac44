using System.Runtime.CompilerServices;
using Refrain.Matching;

namespace Refrain.Tests.Matching;

/// <summary>
/// The matcher against the hand-labelled set in <c>Labelled/</c> (built independently of the matcher's code): the issue's
/// targets are precision ≥ 0.99 and recall ≥ 0.95.
/// </summary>
public sealed class LabelledSetTests
{
    [Fact]
    public void LabelledSet_MeetsThePrecisionAndRecallTargets()
    {
        using var reader = new StreamReader(DataPath());
        var cases = EvalFileReader.Read(reader);

        var report = MatcherEvaluation.Evaluate(cases, new SpotifyMatcher());

        Assert.True(cases.Count >= 300, $"the set has {cases.Count} cases");
        Assert.True(report.Precision >= 0.99, $"precision {report.Precision:0.0000}: {report}");
        Assert.True(report.Recall >= 0.95, $"recall {report.Recall:0.0000}: {report}");
    }

    private static string DataPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Labelled", "matcher-cases.jsonl");
}
