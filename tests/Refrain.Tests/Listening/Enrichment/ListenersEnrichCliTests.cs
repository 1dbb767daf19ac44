using Refrain.Tests.Cli;
using static Refrain.Tests.Listening.HistoryFiles;

namespace Refrain.Tests.Listening.Enrichment;

/// <summary><c>refrain listeners enrich ID</c> from the command line, after <c>refrain import listens</c> queued one.</summary>
public sealed class ListenersEnrichCliTests
{
    [Fact]
    public async Task Enrich_AfterAnImport_ReportsTheImportsQueuedJob_AndAnUnknownListenerExitsTwo()
    {
        using var refrain = new RefrainProcess();
        var id = (await refrain.RunAsync("listeners", "create", "Alice")).StdoutLines[^1];
        var history = Write(refrain.Directory, "Streaming_History_Audio_0.json", new object[] { Extended("2024-01-31T23:59:12Z", "Jolene", "Dolly Parton") });

        var import = await refrain.RunAsync("import", "listens", "--listener", id, history);
        var first = await refrain.RunAsync("listeners", "enrich", id);
        var second = await refrain.RunAsync("listeners", "enrich", id);
        var unknown = await refrain.RunAsync("listeners", "enrich", "999");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains($"an enrichment of listener {id} was already queued", first.Stdout, StringComparison.Ordinal);
        Assert.True(long.TryParse(first.StdoutLines[^1], out var job), $"expected the job id alone on the last line\n{first}");
        Assert.Equal(job.ToString(System.Globalization.CultureInfo.InvariantCulture), second.StdoutLines[^1]);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("unknown listener 999", unknown.Stderr, StringComparison.Ordinal);
    }
}
