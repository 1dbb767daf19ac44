namespace Refrain.Tests.Cli;

/// <summary>The catalog, sweep and review commands from the command line, on a fresh SQLite file.</summary>
public sealed class CatalogCliTests
{
    private const string Csv = """
        title,artists,album,isrc,duration_ms,spotify_track_id,musicbrainz_recording_id,release_date
        Mr. Brightside,The Killers,Hot Fuss,USIR20400274,222075,3n3Ppam7vgaVa1iaRUc9Lp,,2004
        Jolene,Dolly Parton,Jolene,,161000,,,
        """;

    [Fact]
    public async Task Import_ThenDryRun_ReportsWhatTheSweepWouldTake()
    {
        using var refrain = new RefrainProcess();
        var file = Path.Combine(refrain.Directory, "songs.csv");
        await File.WriteAllTextAsync(file, Csv);

        var imported = await refrain.RunAsync("catalog", "import", file);
        var dryRun = await refrain.RunAsync("sweep", "duration-mismatches", "--dry-run", "--json");

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.True(long.TryParse(imported.StdoutLines[^1], out _), $"expected the catalog id alone on the last line\n{imported}");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        // The link's track duration is not known yet (its refresh job has not run): nothing is eligible.
        Assert.StartsWith("""{"would_enqueue":0,"threshold_seconds":60""", dryRun.StdoutLines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "1 to 3600")]
    [InlineData("3601", "1 to 3600")]
    [InlineData("sixty", "sixty")]
    public async Task Sweep_WithABadThreshold_ExitsTwo(string threshold, string message)
    {
        using var refrain = new RefrainProcess();

        var result = await refrain.RunAsync("sweep", "duration-mismatches", "--threshold-seconds", threshold, "--dry-run");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OfAnInvalidFile_ExitsTwoAndNamesTheLine()
    {
        using var refrain = new RefrainProcess();
        var file = Path.Combine(refrain.Directory, "bad.csv");
        await File.WriteAllTextAsync(file, "title,artists,isrc\nOk,A,\nBad,B,not-an-isrc\n");

        var result = await refrain.RunAsync("catalog", "import", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("line 3: isrc 'not-an-isrc'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing imported", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999", "--keep", "unknown song 999")]
    [InlineData("1", "--accept=not-a-spotify-id", "not a Spotify track id")]
    [InlineData("1", "", "exactly one of")]
    public async Task ReviewDecide_BadInput_ExitsTwo(string song, string decision, string message)
    {
        using var refrain = new RefrainProcess();
        var file = Path.Combine(refrain.Directory, "songs.csv");
        await File.WriteAllTextAsync(file, Csv);
        await refrain.RunAsync("catalog", "import", file);

        var result = decision.Length == 0
            ? await refrain.RunAsync("review", "decide", song)
            : await refrain.RunAsync("review", "decide", song, decision);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewDecide_Unlink_IsRecordedAsTheReviewersDecision()
    {
        using var refrain = new RefrainProcess();
        var file = Path.Combine(refrain.Directory, "songs.csv");
        await File.WriteAllTextAsync(file, Csv);
        await refrain.RunAsync("catalog", "import", file);

        var decided = await refrain.RunAsync("review", "decide", "1", "--unlink");
        var again = await refrain.RunAsync("catalog", "import", file);

        Assert.True(decided.ExitCode == 0, decided.ToString());
        Assert.Contains("unlinked", decided.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 reviewer decisions kept", again.Stdout, StringComparison.Ordinal);
    }
}
