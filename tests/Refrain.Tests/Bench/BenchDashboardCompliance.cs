using Dapper;
using Refrain.Jobs;
using Refrain.Storage;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Bench;

/// <summary>The dashboard bench's seed on both databases: the sizes land, the mix is realistic, and it can run twice.</summary>
public abstract class BenchDashboardCompliance : StoreTestBase
{
    private async Task<RefrainStore.BenchSeedCounts> SeedAsync()
    {
        var beta = (await Store.CreateAccountAsync($"beta-{Guid.NewGuid():N}", CancellationToken.None))!.Id;
        var gamma = (await Store.CreateAccountAsync($"gamma-{Guid.NewGuid():N}", CancellationToken.None))!.Id;
        return await Store.SeedDashboardBenchAsync(
            new RefrainStore.BenchSeedPlan(1000, 300, [1, beta, gamma]) { Reviews = 10, Listeners = 6, Plays = 500 }, CancellationToken.None);
    }

    private Task<long> CountAsync(string sql) => Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql), CancellationToken.None);

    [StoreFact]
    public async Task Seed_SmallPlan_WritesEveryTableAtItsSize()
    {
        var counts = await SeedAsync();

        Assert.Equal((1000, 10, 20), (counts.Jobs, counts.Runs, counts.Schedules));
        Assert.Equal((300, 300, 10), (counts.Songs, counts.Links, counts.Reviews));
        Assert.Equal((6, 500, 12), (counts.Listeners, counts.Plays, counts.Uploads));
        // One snapshot value per song, and 30 days of history for every 100th.
        Assert.Equal(300 + 3 * 30, counts.Measurements);
        Assert.Equal(20_000, counts.QuotaLedger);
    }

    [StoreFact]
    public async Task Seed_SmallPlan_SpreadsStatesAndKeepsRunCountersTrue()
    {
        var counts = await SeedAsync();

        foreach (var state in JobState.All)
        {
            Assert.True(await CountAsync($"SELECT COUNT(*) FROM jobs WHERE state = '{state}'") > 0, $"no {state} job");
        }

        Assert.True(await CountAsync("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded'") > 800);
        Assert.Equal(await CountAsync("SELECT COUNT(*) FROM jobs WHERE run_id IS NOT NULL"), await CountAsync("SELECT SUM(total) FROM runs"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM runs r WHERE r.dead <> (SELECT COUNT(*) FROM jobs j WHERE j.run_id = r.id AND j.state = 'dead')"));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM links WHERE song_id = {counts.SampleReviewSongId} AND state = 'review' AND candidates IS NOT NULL"));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM jobs WHERE id = {counts.SampleJobId}"));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM schedules s JOIN runs r ON r.id = s.last_run_id WHERE s.id = {counts.SampleScheduleId}"));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM listeners WHERE id = {counts.SampleListenerId}"));
    }

    [StoreFact]
    public async Task Seed_Twice_AddsASecondSetAndLeavesIdsToTheDatabase()
    {
        await SeedAsync();

        var again = await SeedAsync();
        var enqueued = await Store.EnqueueManyAsync([new NewJob("system", "noop", "after-the-seed")], CancellationToken.None);

        Assert.Equal((2000, 20, 40, 600), (again.Jobs, again.Runs, again.Schedules, again.Songs));
        Assert.Equal(1, enqueued);
        Assert.Equal(2001, await CountAsync("SELECT MAX(id) FROM jobs"));
    }
}

public sealed class SqliteBenchDashboardTests : BenchDashboardCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresBenchDashboardTests : BenchDashboardCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
