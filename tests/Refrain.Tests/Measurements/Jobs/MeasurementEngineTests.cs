using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Hosting;
using Refrain.Measurements;
using Refrain.Sandbox;
using Refrain.Storage;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Measurements.Jobs;

/// <summary>
/// A historical run drained by the real engine of a node configured for the sandbox's Songstats: the handlers are
/// registered under their providers, the worker claims and completes them, and the run ends.
/// </summary>
public sealed class MeasurementEngineTests
{
    [Fact]
    public async Task ANodeWithSongstatsConfigured_DrainsAHistoricalRunToItsEnd()
    {
        var database = await new Tests.Storage.SqliteDb().CreateAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        var app = RefrainApp.Build("http://127.0.0.1:0", database, runEngine: true, configure: b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:TokenKey"] = Security.TestTokenKeys.Default,
            ["Providers:Songstats:BaseUrl"] = sandbox.BaseUrl.AbsoluteUri,
            ["Providers:Songstats:ApiKey"] = sandbox.Options.SongstatsApiKey,
            ["Providers:Snapshot:BaseUrl"] = sandbox.BaseUrl.AbsoluteUri,
        }));
        try
        {
            var store = app.Services.GetRequiredService<RefrainStore>();
            await store.MigrateAsync(CancellationToken.None);
            await app.StartAsync();
            var isrcs = Enumerable.Range(1, 2000).Select(i => $"QZS7A26{i:00000}").ToList();
            var (with, without) = (isrcs.Where(SongstatsHistories.HasHistory).Take(2).ToList(), isrcs.First(i => !SongstatsHistories.HasHistory(i)));
            var catalog = await MeasurementSeed.ImportAsync(store, 1, "main",
                $"One,Band,A,{with[0]},200000,,,2024", $"Two,Band,A,{with[1]},200000,,,", $"Three,Band,A,{without},200000,,,");

            var started = await store.StartHistoricalMeasurementAsync(1, 1, MeasurementScope.Catalog(catalog), "spotify", "test", CancellationToken.None);

            await Eventually.WaitAsync(async () => (await store.GetRunAsync(started.RunId!.Value, CancellationToken.None))!.State != "running",
                "the historical run to end", TimeSpan.FromSeconds(60));
            var run = (await store.GetRunAsync(started.RunId!.Value, CancellationToken.None))!;
            Assert.Equal(("succeeded", 3L, 2L, 1L), (run.State, run.Total, run.Succeeded, run.NoData));
            Assert.Equal("backfilled", (await store.GetBackfillAsync(with[0], "spotify", CancellationToken.None))?.State);
            Assert.Equal("no_history", (await store.GetBackfillAsync(without, "spotify", CancellationToken.None))?.State);
            Assert.Equal(3, sandbox.RequestCount(SandboxEndpoints.SongstatsHistory));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await Tests.Storage.SqliteDb.DropAsync(database);
        }
    }
}
