using System.Net;
using System.Text.Json;
using Dapper;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Measurements.Jobs;

namespace Refrain.Tests.Measurements.Api;

/// <summary>
/// <c>POST /api/research/measurement-jobs</c> on both databases: validation naming the member, another account's catalog,
/// the historical and current answers, a spent cap, and polling the run from another account.
/// </summary>
public abstract class MeasurementJobsApiCompliance : ApiTestBase
{
    private const string A = "USAAA2400001";
    private const string B = "USAAA2400002";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Providers:Songstats:MonthlyCallCap"] = "100",
        ["Providers:Songstats:CostPerCallUsd"] = "0.05",
        ["Providers:Snapshot:CostPerAlbumUsd"] = "0.003",
    };

    private Task<long> AlphaCatalogAsync() => MeasurementSeed.ImportAsync(Store, AlphaId, "main",
        $"Alpha,Band,First,{A},200000,0000000000000000000001,,2020",
        $"Beta,Band,First,{B},200000,0000000000000000000002,,",
        "Delta,Band,Second,,200000,0000000000000000000004,,");

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string json)
    {
        var response = await client.PostAsync("/api/research/measurement-jobs", Json(json));
        return (response, await ReadJsonAsync(response));
    }

    [StoreFact]
    public async Task Historical_Answers202WithTheRunIdEnqueuedSkippedAndCost()
    {
        var catalog = await AlphaCatalogAsync();
        await Store.MarkBackfillAsync(B, "spotify", "backfilled", new DateOnly(2026, 11, 21), CancellationToken.None);

        var (response, body) = await PostAsync(Alpha, $$"""{"scope": {"catalog_id": {{catalog}}}, "source": "historical"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("historical", body.GetProperty("source").GetString());
        Assert.Equal((1, 1), (body.GetProperty("enqueued").GetInt64(), body.GetProperty("skipped").GetInt64()));
        Assert.Equal(0.05m, body.GetProperty("estimated_cost_usd").GetDecimal());
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/tasks/runs/{id}", response.Headers.Location?.OriginalString);
        var run = await ReadJsonAsync(await Alpha.GetAsync($"/api/tasks/runs/{id}"));
        Assert.Equal(("measurement", "running", 1), (run.GetProperty("kind").GetString(), run.GetProperty("state").GetString(), run.GetProperty("counts").GetProperty("total").GetInt32()));
    }

    [StoreFact]
    public async Task Current_Answers202WithTheAlbumCountAndCost()
    {
        var catalog = await AlphaCatalogAsync();
        await MeasurementSeed.CacheTrackAsync(Store, "0000000000000000000001", "ALBUM1");
        await MeasurementSeed.CacheTrackAsync(Store, "0000000000000000000004", "ALBUM2");

        var (response, body) = await PostAsync(Alpha, $$"""{"scope": {"catalog_id": {{catalog}}}, "source": "current", "platforms": ["spotify"]}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("current", "running", 2), (body.GetProperty("source").GetString(), body.GetProperty("state").GetString(), body.GetProperty("album_count").GetInt32()));
        Assert.Equal(0.006m, body.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Equal(2, await Store.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM jobs WHERE job_type = 'album_playcounts' AND run_id = @id", new { id = body.GetProperty("id").GetInt64() }), CancellationToken.None));
    }

    [StoreFact]
    public async Task TheRun_IsNotFoundFromAnotherAccount()
    {
        var catalog = await AlphaCatalogAsync();
        var (_, body) = await PostAsync(Alpha, $$"""{"scope": {"catalog_id": {{catalog}}}, "source": "historical"}""");

        await AssertProblemAsync(await Beta.GetAsync($"/api/tasks/runs/{body.GetProperty("id").GetInt64()}"), 404);
    }

    [StoreFact]
    public async Task AnotherAccountsCatalog_IsNotFound_AndNothingIsEnqueued()
    {
        var catalog = await AlphaCatalogAsync();

        var (response, _) = await PostAsync(Beta, $$"""{"scope": {"catalog_id": {{catalog}}}, "source": "historical"}""");

        await AssertProblemAsync(response, 404);
        Assert.Equal(0, await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs WHERE job_type = 'backfill_history'"), CancellationToken.None));
    }

    [StoreFact]
    public async Task UnknownAlbumIdsAndIsrcs_AreCountedAsSkipped()
    {
        await AlphaCatalogAsync();

        var (response, body) = await PostAsync(Alpha, $$"""{"scope": {"isrcs": ["{{A}}", "GBZZZ9900001"]}, "source": "historical"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((1, 1), (body.GetProperty("enqueued").GetInt64(), body.GetProperty("skipped").GetInt64()));
    }

    [Theory]
    [InlineData("""{"source": "historical"}""", "scope", "Provide exactly one of scope.catalog_id / album_ids / isrcs")]
    [InlineData("""{"scope": {}, "source": "historical"}""", "scope", "Provide exactly one of scope.catalog_id / album_ids / isrcs")]
    [InlineData("""{"scope": {"catalog_id": 1, "isrcs": ["USAAA2400001"]}, "source": "current"}""", "scope", "Provide exactly one of scope.catalog_id / album_ids / isrcs")]
    [InlineData("""{"scope": {"catalog_id": 1}}""", "source", "source must be current or historical")]
    [InlineData("""{"scope": {"catalog_id": 1}, "source": "yesterday"}""", "source", "source must be current or historical")]
    [InlineData("""{"scope": {"catalog_id": 1}, "source": "current", "platforms": ["apple_music"]}""", "platforms", null)]
    [InlineData("""{"scope": {"isrcs": ["USAAA2400001", "not-an-isrc"]}, "source": "historical"}""", "scope.isrcs[1]", null)]
    [InlineData("""{"scope": {"album_ids": [3, 0]}, "source": "current"}""", "scope.album_ids[1]", null)]
    [InlineData("""{"scope": {"album_ids": [3, "x"]}, "source": "current"}""", "scope.album_ids[1]", null)]
    [InlineData("""{"scope": {"catalog_id": "abc"}, "source": "current"}""", "scope.catalog_id", null)]
    [InlineData("""{"scope": {"catalog_id": 1, "genre": "pop"}, "source": "current"}""", "scope.genre", null)]
    public async Task InvalidRequests_Answer400NamingTheMember(string json, string field, string? detail)
    {
        var problem = await AssertProblemAsync(await Alpha.PostAsync("/api/research/measurement-jobs", Json(json)), 400);

        Assert.Equal(field, problem.GetProperty("field").GetString());
        if (detail is not null)
        {
            Assert.Equal(detail, problem.GetProperty("detail").GetString());
        }
    }

    [StoreFact]
    public async Task AScopeWithoutIsrcs_Answers400NoRecordings()
    {
        var catalog = await MeasurementSeed.ImportAsync(Store, AlphaId, "plain", "Delta,Band,Second,,200000,,,");

        var problem = await AssertProblemAsync(await Alpha.PostAsync("/api/research/measurement-jobs",
            Json($$"""{"scope": {"catalog_id": {{catalog}}}, "source": "historical"}""")), 400);

        Assert.Equal("No recordings resolvable for this scope", problem.GetProperty("detail").GetString());
    }

    [StoreFact]
    public async Task ASpentCap_Answers429WithTheNextPeriod_AndEnqueuesNothing()
    {
        var catalog = await AlphaCatalogAsync();
        await Store.WriteAsync((c, tx) => c.ExecuteAsync(
            "INSERT INTO quota_usage (provider, account_id, period, used, cost_micro_usd) VALUES ('songstats', 0, '2026-11', 100, 0)", transaction: tx), CancellationToken.None);

        var response = await Alpha.PostAsync("/api/research/measurement-jobs", Json($$"""{"scope": {"catalog_id": {{catalog}}}, "source": "historical"}"""));

        var problem = await AssertProblemAsync(response, 429);
        Assert.Equal("2026-12-01T00:00:00Z", problem.GetProperty("retry_after").GetString());
        Assert.Equal(TimeSpan.FromHours(8 * 24 + 12), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs WHERE job_type = 'backfill_history'"), CancellationToken.None));
        Assert.Equal(0, await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE kind = 'measurement'"), CancellationToken.None));
    }
}

public sealed class SqliteMeasurementJobsApiTests : MeasurementJobsApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Tests.Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Tests.Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresMeasurementJobsApiTests : MeasurementJobsApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Tests.Storage.PostgresDb.CreateAsync();
}
