using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Refrain.Storage;
using Refrain.Tests.Cli;

namespace Refrain.Tests.Measurements.Jobs;

/// <summary><c>refrain measurements show</c> from the command line, on a fresh SQLite file.</summary>
public sealed class MeasurementsCliTests
{
    [Fact]
    public async Task Show_PrintsTheSongsSeries_AndABadDateExitsTwoNamingTheOption()
    {
        using var refrain = new RefrainProcess();
        Assert.Equal(0, (await refrain.RunAsync("migrate")).ExitCode);
        long songId;
        await using (var store = StoreFactory.Create(refrain.ConnectionString, new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero))))
        {
            await MeasurementSeed.ImportAsync(store, 1, "main", "Alpha,Band,First,USAAA2400001,200000,,,");
            await store.UpsertMeasurementsAsync("USAAA2400001", "spotify", "streams", "songstats",
                [new(new DateOnly(2026, 11, 1), 1000), new(new DateOnly(2026, 11, 2), 1100), new(new DateOnly(2026, 11, 3), 1300)], CancellationToken.None);
            songId = (await store.GetCatalogSongIdsAsync()).Single();
        }

        var daily = await refrain.RunAsync("measurements", "show", $"{songId}", "--from", "2026-11-02", "--to", "2026-11-03", "--json");
        var cumulative = await refrain.RunAsync("measurements", "show", $"{songId}", "--granularity", "cumulative", "--to", "2026-11-30");
        var bad = await refrain.RunAsync("measurements", "show", $"{songId}", "--from", "November");
        var unknown = await refrain.RunAsync("measurements", "show", "999");

        Assert.True(daily.ExitCode == 0, daily.ToString());
        using var json = JsonDocument.Parse(daily.StdoutLines[^1]);
        Assert.Equal([100L, 200L], json.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetInt64()).ToList());
        Assert.True(cumulative.ExitCode == 0, cumulative.ToString());
        Assert.Contains("1300", cumulative.Stdout, StringComparison.Ordinal);
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("--from", bad.Stderr, StringComparison.Ordinal);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("unknown song 999", unknown.Stderr, StringComparison.Ordinal);
    }
}
