using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Refrain.Tests.Cli;

namespace Refrain.Tests.Listening.Sync;

/// <summary><c>refrain listeners sync ID</c> and the sync fields of <c>refrain listeners show</c>, run as the real executable on SQLite.</summary>
public sealed class ListenersSyncCliTests
{
    [Fact]
    public async Task Sync_QueuesOneJobAndPrintsItsIdLast_AndRefusesAListenerThatIsNotConnected()
    {
        using var refrain = new RefrainProcess();
        var id = (await refrain.RunAsync("listeners", "create", "Alice")).StdoutLines[^1];

        var refused = await refrain.RunAsync("listeners", "sync", id);
        await using (var db = new SqliteConnection(refrain.ConnectionString))
        {
            await db.ExecuteAsync("UPDATE listeners SET refresh_token = x'01', access_token = x'01', refresh_expires_at = @at, possible_gaps = 2, last_gap_at = @gap WHERE id = @id",
                new { id = long.Parse(id, CultureInfo.InvariantCulture), at = DateTimeOffset.UtcNow.AddDays(20.5).ToUnixTimeMilliseconds(), gap = 1_780_000_000_000L });
        }

        var first = await refrain.RunAsync("listeners", "sync", id);
        var second = await refrain.RunAsync("listeners", "sync", id);
        var job = await refrain.RunAsync("jobs", "show", first.StdoutLines[^1], "--json");
        var show = await refrain.RunAsync("listeners", "show", id, "--json");
        var text = await refrain.RunAsync("listeners", "show", id);
        var unknown = await refrain.RunAsync("listeners", "sync", "999");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("not connected", refused.Stderr, StringComparison.Ordinal);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches("^[0-9]+$", first.StdoutLines[^1]);
        Assert.Contains($"queued a sync of listener {id}", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(first.StdoutLines[^1], second.StdoutLines[^1]);
        Assert.Contains("already queued", second.Stdout, StringComparison.Ordinal);
        Assert.True(job.ExitCode == 0, job.ToString());
        Assert.Contains("sync_recently_played", job.Stdout, StringComparison.Ordinal);
        Assert.Contains($"listener:{id}", job.Stdout, StringComparison.Ordinal);
        using var shown = JsonDocument.Parse(show.StdoutLines[^1]);
        var root = shown.RootElement;
        Assert.Equal((20L, "30_days", 2L), (root.GetProperty("refresh_expires_in_days").GetInt64(), root.GetProperty("expiry_warning").GetString(),
            root.GetProperty("possible_gaps").GetInt64()));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_000L), root.GetProperty("last_gap_at").GetDateTimeOffset());
        Assert.Contains(text.StdoutLines, l => l.StartsWith("refresh until", StringComparison.Ordinal) && l.EndsWith("(in 20 days, 30_days warning)", StringComparison.Ordinal));
        Assert.Contains(text.StdoutLines, l => l.StartsWith("possible gaps  2 (last ", StringComparison.Ordinal));
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("unknown listener 999", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncWait_RunsTheJobHere_PrintsItsResult_AndExitsOneWhenItFails()
    {
        using var refrain = new RefrainProcess();
        var id = (await refrain.RunAsync("listeners", "create", "Alice")).StdoutLines[^1];
        await using (var db = new SqliteConnection(refrain.ConnectionString))
        {
            // Bytes no key ring wrote: the token lifecycle refuses them, which fails the sync without calling Spotify.
            await db.ExecuteAsync("UPDATE listeners SET refresh_token = x'0102', access_token = x'0102' WHERE id = @id", new { id = long.Parse(id, CultureInfo.InvariantCulture) });
        }

        var waited = await refrain.RunAsync("listeners", "sync", id, "--wait");
        var show = await refrain.RunAsync("listeners", "show", id, "--json");

        Assert.True(waited.ExitCode == 1, waited.ToString());
        Assert.Matches("^[0-9]+$", waited.StdoutLines[^1]);
        Assert.StartsWith("failed: ", waited.StdoutLines[^2], StringComparison.Ordinal);
        Assert.Contains("cannot be decrypted", waited.StdoutLines[^2], StringComparison.Ordinal);
        using var shown = JsonDocument.Parse(show.StdoutLines[^1]);
        Assert.Contains("cannot be decrypted", shown.RootElement.GetProperty("last_error").GetString(), StringComparison.Ordinal);
    }
}
