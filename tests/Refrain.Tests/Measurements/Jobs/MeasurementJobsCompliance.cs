using Dapper;
using Refrain.Jobs;
using Refrain.Measurements;
using Refrain.Measurements.Jobs;
using Refrain.Providers;
using Refrain.Runs;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Measurements.Jobs;

/// <summary>
/// Starting measurement runs on both databases: one backfill per ISRC ranked by play count, skips of what any account
/// already backfilled, idempotent repeats, unknown ids, one snapshot job per album, and one day's totals with their dailies.
/// </summary>
public abstract class MeasurementJobsCompliance : StoreTestBase
{
    private const string A = "USAAA2400001";
    private const string B = "USAAA2400002";
    private const string C = "USAAA2400003";

    private static readonly string[] Songs =
    [
        $"Alpha,Band,First,{A},200000,0000000000000000000001,,2020-05-01",
        $"Beta,Band,First,{B},200000,0000000000000000000002,,",
        $"Gamma,Band,Second,{C},200000,0000000000000000000003,,",
        "Delta,Band,Second,,200000,0000000000000000000004,,",
        "Epsilon,Band,Third,,200000,,,",
    ];

    private async Task<(long Account, long Catalog)> SeedAsync(string account = "alpha")
    {
        var id = (await Store.CreateAccountAsync(account, CancellationToken.None))!.Id;
        return (id, await MeasurementSeed.ImportAsync(Store, id, "main", Songs));
    }

    private Task<ScopeResolution> HistoricalAsync(long account, MeasurementScope scope) =>
        Store.StartHistoricalMeasurementAsync(account, account, scope, MeasurementJobs.Spotify, "test", CancellationToken.None);

    private Task<long> CountAsync(string sql, object? args = null) => Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args), CancellationToken.None);

    [StoreFact]
    public async Task Historical_EnqueuesOneBackfillPerIsrc_WithItsLatestPlayCountAsPriority()
    {
        var (account, catalog) = await SeedAsync();
        await Store.UpsertMeasurementsAsync(A, "spotify", "streams", "snapshot", [new(new DateOnly(2026, 10, 1), 100), new(new DateOnly(2026, 11, 1), 500)], CancellationToken.None);
        await Store.UpsertMeasurementsAsync(B, "spotify", "streams", "snapshot", [new(new DateOnly(2026, 11, 1), 2000)], CancellationToken.None);

        var result = await HistoricalAsync(account, MeasurementScope.Catalog(catalog));

        Assert.NotNull(result.RunId);
        Assert.Equal((3, 3, 0), (result.Resolved, result.Enqueued, result.Skipped));
        var jobs = await MeasurementSeed.JobsAsync(Store, "backfill_history");
        Assert.Equal([($"recording:{A}", 500L), ($"recording:{B}", 2000L), ($"recording:{C}", 0L)], jobs.Select(j => (j.Subject, j.Priority)).ToList());
        Assert.All(jobs, j => Assert.Equal((result.RunId, (long?)account), (j.RunId, j.AccountId)));
        var run = (await Store.GetRunAsync(result.RunId!.Value, CancellationToken.None))!;
        Assert.Equal(("measurement", "running", 3L), (run.Kind, run.State, run.Total));
    }

    [StoreFact]
    public async Task Drain_ClaimsTheMostPlayedRecordingFirst()
    {
        var (account, catalog) = await SeedAsync();
        await Store.UpsertMeasurementsAsync(A, "spotify", "streams", "snapshot", [new(new DateOnly(2026, 11, 1), 500)], CancellationToken.None);
        await Store.UpsertMeasurementsAsync(C, "spotify", "streams", "snapshot", [new(new DateOnly(2026, 11, 1), 9000)], CancellationToken.None);
        await HistoricalAsync(account, MeasurementScope.Catalog(catalog));

        var order = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            var claimed = await Store.ClaimAsync(new ClaimRequest("w", 1, TimeSpan.FromMinutes(1), ["songstats"], []), CancellationToken.None);
            order.Add(Assert.Single(claimed).Subject);
        }

        Assert.Equal([$"recording:{C}", $"recording:{A}", $"recording:{B}"], order);
    }

    [StoreFact]
    public async Task Historical_SkipsWhatAnotherAccountBackfilledOrFoundWithoutHistory()
    {
        var (alpha, _) = await SeedAsync("alpha");
        var (beta, betaCatalog) = await SeedAsync("beta");
        await Store.MarkBackfillAsync(A, "spotify", "backfilled", new DateOnly(2026, 11, 21), CancellationToken.None);
        await Store.MarkBackfillAsync(B, "spotify", "no_history", null, CancellationToken.None);

        var result = await HistoricalAsync(beta, MeasurementScope.Catalog(betaCatalog));

        Assert.NotEqual(alpha, beta);
        Assert.Equal((3, 1, 2), (result.Resolved, result.Enqueued, result.Skipped));
        Assert.Equal([$"recording:{C}"], (await MeasurementSeed.JobsAsync(Store, "backfill_history")).Select(j => j.Subject).ToList());
    }

    [StoreFact]
    public async Task Historical_TheSameJobTwice_EnqueuesNothingTheSecondTime_AndItsRunEndsAtOnce()
    {
        var (account, catalog) = await SeedAsync();
        await HistoricalAsync(account, MeasurementScope.Catalog(catalog));

        var again = await HistoricalAsync(account, MeasurementScope.Catalog(catalog));

        Assert.Equal((0, 3), (again.Enqueued, again.Skipped));
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'backfill_history'"));
        var run = (await Store.GetRunAsync(again.RunId!.Value, CancellationToken.None))!;
        Assert.Equal(("succeeded", 0L), (run.State, run.Total));
        Assert.NotNull(run.EndedAt);
    }

    [StoreFact]
    public async Task Historical_ByIsrc_CountsIsrcsOfNoSongOfTheAccountAsSkipped()
    {
        var (alpha, _) = await SeedAsync("alpha");
        var beta = (await Store.CreateAccountAsync("beta", CancellationToken.None))!.Id;
        await MeasurementSeed.ImportAsync(Store, beta, "other", "Zeta,Band,Z,GBBBB2400009,200000,,,");

        var result = await HistoricalAsync(alpha, MeasurementScope.OfIsrcs([A, "gbbbb2400009", "USZZZ9900001"]));

        Assert.Equal((1, 1, 2), (result.Resolved, result.Enqueued, result.Skipped));
        Assert.Equal([$"recording:{A}"], (await MeasurementSeed.JobsAsync(Store, "backfill_history")).Select(j => j.Subject).ToList());
    }

    [StoreFact]
    public async Task Historical_AScopeWithoutIsrcs_WritesNothing()
    {
        var account = (await Store.CreateAccountAsync("alpha", CancellationToken.None))!.Id;
        var catalog = await MeasurementSeed.ImportAsync(Store, account, "main", "Delta,Band,Second,,200000,0000000000000000000004,,");
        var runsBefore = await CountAsync("SELECT COUNT(*) FROM runs");

        var result = await HistoricalAsync(account, MeasurementScope.Catalog(catalog));

        Assert.Null(result.RunId);
        Assert.Equal(runsBefore, await CountAsync("SELECT COUNT(*) FROM runs"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'backfill_history'"));
    }

    [StoreFact]
    public async Task Current_EnqueuesOneSnapshotPerDistinctSpotifyAlbum()
    {
        var (account, catalog) = await SeedAsync();
        await MeasurementSeed.CacheTrackAsync(Store, "0000000000000000000001", "ALBUM1");
        await MeasurementSeed.CacheTrackAsync(Store, "0000000000000000000002", "ALBUM1");
        await MeasurementSeed.CacheTrackAsync(Store, "0000000000000000000004", "ALBUM2");

        var result = await Store.StartCurrentMeasurementAsync(account, account, MeasurementScope.Catalog(catalog), "spotify", "api", "test", CancellationToken.None);

        Assert.Equal((2, 2), (result.Resolved, result.Enqueued));
        var jobs = await MeasurementSeed.JobsAsync(Store, "album_playcounts");
        Assert.Equal(["album:ALBUM1", "album:ALBUM2"], jobs.Select(j => j.Subject).Order().ToList());
        Assert.All(jobs, j => Assert.Equal(result.RunId, j.RunId));
    }

    [StoreFact]
    public async Task Current_ByAlbumIds_CoversOnlyThoseAlbums_AndCountsOthersAccountsAlbumsAsUnknown()
    {
        var (alpha, _) = await SeedAsync("alpha");
        var (beta, _) = await SeedAsync("beta");
        await MeasurementSeed.CacheTrackAsync(Store, "0000000000000000000001", "ALBUM1");
        await MeasurementSeed.CacheTrackAsync(Store, "0000000000000000000003", "ALBUM3");
        var first = await Store.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT a.id FROM albums a JOIN catalogs c ON c.id = a.catalog_id WHERE c.account_id = @alpha AND a.title = 'First'", new { alpha }), CancellationToken.None);
        var betaAlbum = await Store.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT a.id FROM albums a JOIN catalogs c ON c.id = a.catalog_id WHERE c.account_id = @beta AND a.title = 'Second'", new { beta }), CancellationToken.None);

        var result = await Store.StartCurrentMeasurementAsync(alpha, alpha, MeasurementScope.Albums([first, betaAlbum]), "spotify", "api", "test", CancellationToken.None);

        Assert.Equal((1, 1, 1), (result.Resolved, result.Enqueued, result.Unknown));
        Assert.Equal(["album:ALBUM1"], (await MeasurementSeed.JobsAsync(Store, "album_playcounts")).Select(j => j.Subject).ToList());
    }

    [StoreFact]
    public async Task CatalogSnapshot_FansOutOneAlbumJobPerSpotifyAlbumIntoItsRun_AndTheRunWaitsForThem()
    {
        var (account, catalog) = await SeedAsync();
        await MeasurementSeed.CacheTrackAsync(Store, "0000000000000000000001", "ALBUM1");
        await MeasurementSeed.CacheTrackAsync(Store, "0000000000000000000003", "ALBUM3");
        var fired = await Store.StartRunAsync(new RunStart("snapshot/catalog_snapshot", account, "schedule", "schedule:catalog-snapshot"),
            new NewJob(CatalogSnapshotHandler.Source, CatalogSnapshotHandler.JobType, "schedule:catalog-snapshot")
            {
                AccountId = account, Args = $$"""{"catalog_id": {{catalog}}, "platform": "spotify"}""",
            }, CancellationToken.None);
        var root = Assert.Single(await Store.ClaimAsync(new ClaimRequest("w", 1, TimeSpan.FromMinutes(1), ["snapshot"], []), CancellationToken.None));

        var outcome = await new CatalogSnapshotHandler().ExecuteAsync(
            new JobContext(root, EmptyServices.Instance, Store, new ProviderGate(Store, new Dictionary<string, ProviderOptions>(), Time), Time), CancellationToken.None);
        await Store.CompleteAsync([Outcomes.ToCompletion(root, outcome, Time.GetUtcNow(), jitter: 0.5)], CancellationToken.None);

        Assert.Equal(JobOutcome.Success("enqueued 2 album jobs"), outcome);
        var jobs = await MeasurementSeed.JobsAsync(Store, "album_playcounts");
        Assert.Equal(["album:ALBUM1", "album:ALBUM3"], jobs.Select(j => j.Subject).Order().ToList());
        Assert.All(jobs, j => Assert.Equal((fired.RunId, (long?)account), (j.RunId, j.AccountId)));
        var run = (await Store.GetRunAsync(fired.RunId!.Value, CancellationToken.None))!;
        Assert.Equal(("running", 3L, 1L), (run.State, run.Total, run.Succeeded));
    }

    [StoreFact]
    public async Task DayTotals_DeriveTheDailyFromThePreviousDay_AndLeaveAGapUnknown()
    {
        await Store.UpsertMeasurementsAsync(A, "spotify", "streams", "snapshot", [new(new DateOnly(2026, 11, 21), 1000)], CancellationToken.None);

        await Store.UpsertDayTotalsAsync("spotify", "streams", "snapshot", new DateOnly(2026, 11, 22), [(A, 1250), (B, 40)], CancellationToken.None);

        var a = await Store.GetMeasurementsAsync(A, "spotify", "streams", "snapshot", new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 22), CancellationToken.None);
        var b = await Store.GetMeasurementsAsync(B, "spotify", "streams", "snapshot", new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 22), CancellationToken.None);
        Assert.Equal(new MeasurementPoint(new DateOnly(2026, 11, 22), 1250, 250, false), Assert.Single(a));
        Assert.Equal(new MeasurementPoint(new DateOnly(2026, 11, 22), 40, null, false), Assert.Single(b));
    }
}

public sealed class SqliteMeasurementJobsTests : MeasurementJobsCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresMeasurementJobsTests : MeasurementJobsCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
