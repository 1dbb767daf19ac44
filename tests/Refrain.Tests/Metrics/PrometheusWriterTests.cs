using Refrain.Metrics;

namespace Refrain.Tests.Metrics;

/// <summary>Label values are escaped and numbers written as the exposition format spells them.</summary>
public sealed class PrometheusWriterTests
{
    private const string Awkward = "say \"hi\"\\\nbye";

    private static string Render()
    {
        var w = new PrometheusWriter();
        w.Family("refrain_test_total", "counter", "A test\nseries with a back\\slash.");
        w.Sample("refrain_test_total", 3, ("source", Awkward));
        w.Family("refrain_test_seconds", "gauge", "Doubles.");
        w.Sample("refrain_test_seconds", 0.25);
        w.Sample("refrain_test_seconds", double.PositiveInfinity, ("bound", "x"));
        return w.ToString();
    }

    [Fact]
    public void Sample_EscapesBackslashQuoteAndNewLine_InLabelValuesAndHelp()
    {
        var text = Render();

        Assert.Contains("refrain_test_total{source=\"say \\\"hi\\\"\\\\\\nbye\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP refrain_test_total A test\\nseries with a back\\\\slash.\n", text, StringComparison.Ordinal);
        Assert.Contains("refrain_test_seconds 0.25\n", text, StringComparison.Ordinal);
        Assert.Contains("refrain_test_seconds{bound=\"x\"} +Inf\n", text, StringComparison.Ordinal);
    }

    [PromtoolFact]
    public async Task Exposition_WithAwkwardLabelValues_PassesPromtool()
    {
        var (exitCode, output) = await Promtool.CheckMetricsAsync(Render());

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool exited {exitCode}: {output}");
    }
}
