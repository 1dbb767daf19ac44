using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Refrain.Hosting;
using Refrain.Measurements;
using Refrain.Sandbox;
using Refrain.Storage;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Measurements.Jobs;

/// <summary>
/// The Songstats monthly cap reached in the middle of a historical drain by a node with eight parallel Songstats slots:
/// never one call over the cap, the provider snoozed until the month turns with no attempt spent, the ledger equal to the
/// sandbox's own request count, and the rest of the run drained once the (fake) clock reaches the next month.
/// </summary>
public sealed class MeasurementCapDrainTests
{
    private const int Cap = 4;

    // More than one month's cap, less than two: November spends the cap, December the rest.
    private const int Recordings = 6;

    [Fact]
    public async Task CapReachedMidDrain_IsNeverOvershot_SnoozesWithoutSpendingAttempts_AndResumesNextMonth()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.Zero));
        var database = await new Tests.Storage.SqliteDb().CreateAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Time = time }, CancellationToken.None);
        var app = RefrainApp.Build("http://127.0.0.1:0", database, runEngine: true, configure: b =>
        {
            b.Services.AddSingleton<TimeProvider>(time);
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Security:TokenKey"] = Security.TestTokenKeys.Default,
                ["Providers:Songstats:BaseUrl"] = sandbox.BaseUrl.AbsoluteUri,
                ["Providers:Songstats:ApiKey"] = sandbox.Options.SongstatsApiKey,
                ["Providers:Songstats:MonthlyCallCap"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Providers:Snapshot:BaseUrl"] = sandbox.BaseUrl.AbsoluteUri,
                ["Workers:Slots:songstats"] = "8",
            });
        });
        try
        {
            var store = app.Services.GetRequiredService<RefrainStore>();
            await store.MigrateAsync(CancellationToken.None);
            await app.StartAsync();
            var isrcs = Enumerable.Range(1, 4000).Select(i => $"QZS7A26{i:00000}").Where(SongstatsHistories.HasHistory).Take(Recordings).ToList();
            var catalog = await MeasurementSeed.ImportAsync(store, 1, "main", isrcs.Select((isrc, i) => $"Song {i},Band,A,{isrc},200000,,,2024").ToArray());
            var started = await store.StartHistoricalMeasurementAsync(1, 1, MeasurementScope.Catalog(catalog), "spotify", "test", CancellationToken.None);
            Assert.Equal(Recordings, started.Enqueued);

            // Until the cap: every job either done or snoozed into December (the clock is nudged so idle polls wake).
            await DrainAsync(time, async () => await CountAsync(store, "SELECT COUNT(*) FROM backfills") == Cap
                && await CountAsync(store, $"SELECT COUNT(*) FROM jobs WHERE job_type = 'backfill_history' AND state = 'pending' AND run_at >= {December}") == Recordings - Cap,
                "the cap to stop the drain with the rest snoozed until December");

            Assert.Equal(Cap, sandbox.RequestCount(SandboxEndpoints.SongstatsHistory));
            Assert.Equal(Cap, await CountAsync(store, "SELECT COALESCE(SUM(units), 0) FROM quota_ledger WHERE provider = 'songstats'"));
            Assert.Equal(0, await CountAsync(store, "SELECT COALESCE(SUM(attempts), 0) FROM jobs WHERE job_type = 'backfill_history' AND state = 'pending'"));
            Assert.Equal(0, await CountAsync(store, "SELECT COUNT(*) FROM jobs WHERE state IN ('failed', 'dead')"));
            Assert.Equal("quota", (await store.GetProviderPauseAsync("songstats", CancellationToken.None))?.Reason);

            // The month turns: the rest is drained, and the ledger still equals what the sandbox answered.
            time.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(December).AddSeconds(1));
            await DrainAsync(time, async () => (await store.GetRunAsync(started.RunId!.Value, CancellationToken.None))!.State != "running",
                "the run to end in December");

            var run = (await store.GetRunAsync(started.RunId!.Value, CancellationToken.None))!;
            Assert.Equal(("succeeded", (long)Recordings, (long)Recordings), (run.State, run.Total, run.Succeeded));
            Assert.Equal(Recordings, sandbox.RequestCount(SandboxEndpoints.SongstatsHistory));
            Assert.Equal(Recordings, await CountAsync(store, "SELECT COALESCE(SUM(units), 0) FROM quota_ledger WHERE provider = 'songstats'"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await Tests.Storage.SqliteDb.DropAsync(database);
        }
    }

    private static readonly long December = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static Task<long> CountAsync(RefrainStore store, string sql) =>
        store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql), CancellationToken.None);

    /// <summary>Waits (bounded) for <paramref name="done"/>, moving the fake clock one poll interval per look so idle workers poll.</summary>
    private static Task DrainAsync(FakeTimeProvider time, Func<Task<bool>> done, string what) =>
        Eventually.WaitAsync(async () =>
        {
            if (await done())
            {
                return true;
            }

            time.Advance(TimeSpan.FromMilliseconds(200));
            return false;
        }, what, TimeSpan.FromSeconds(60));
}
