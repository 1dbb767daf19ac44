using System.Text.Json;
using Refrain.Tests.Cli;
using static Refrain.Tests.Listening.HistoryFiles;

namespace Refrain.Tests.Listening;

/// <summary><c>refrain listeners show ID [--json]</c> from the command line, on a fresh SQLite file.</summary>
public sealed class ListenersShowCliTests
{
    [Fact]
    public async Task Show_ReportsTheImportedPlaysAsPending_InJsonAndText_AndAnUnknownIdExitsTwo()
    {
        using var refrain = new RefrainProcess();
        var id = (await refrain.RunAsync("listeners", "create", "Alice")).StdoutLines[^1];
        var file = Write(refrain.Directory, "Streaming_History_Audio_0.json", new object[]
        {
            Extended("2024-01-31T23:59:12Z", "Jolene", "Dolly Parton"),
            Extended("2024-02-01T08:00:00Z", "9 to 5", "Dolly Parton"),
            Extended("2024-02-01T09:00:00Z", "Short", "Dolly Parton", msPlayed: 10_000),
        });
        var import = await refrain.RunAsync("import", "listens", "--listener", id, file);

        var json = await refrain.RunAsync("listeners", "show", id, "--json");
        var text = await refrain.RunAsync("listeners", "show", id);
        var unknown = await refrain.RunAsync("listeners", "show", "999");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        using var shown = JsonDocument.Parse(json.StdoutLines[^1]);
        var root = shown.RootElement;
        Assert.Equal((long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), "Alice", 2L, 0L, 2L, 0L, 0.0, "active"),
            (root.GetProperty("id").GetInt64(), root.GetProperty("display_name").GetString(), root.GetProperty("total_plays").GetInt64(),
             root.GetProperty("enriched").GetInt64(), root.GetProperty("pending").GetInt64(), root.GetProperty("unresolved").GetInt64(),
             root.GetProperty("percent_enriched").GetDouble(), root.GetProperty("status").GetString()));
        Assert.False(root.TryGetProperty("access_token", out _), json.ToString());
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains(text.StdoutLines, l => l.StartsWith("plays", StringComparison.Ordinal) && l.EndsWith(" 2", StringComparison.Ordinal));
        Assert.Contains(text.StdoutLines, l => l.StartsWith("enriched", StringComparison.Ordinal) && l.EndsWith(" 0 (0.0%)", StringComparison.Ordinal));
        Assert.Contains(text.StdoutLines, l => l.StartsWith("account", StringComparison.Ordinal) && l.EndsWith(" default", StringComparison.Ordinal));
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("unknown listener 999", unknown.Stderr, StringComparison.Ordinal);
    }
}
