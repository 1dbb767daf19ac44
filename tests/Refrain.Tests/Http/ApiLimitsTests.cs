using System.Net;

namespace Refrain.Tests.Http;

/// <summary>A per-key rate limit (429 with Retry-After) and body size limits, answered as problem details.</summary>
public sealed class ApiLimitsTests : ApiTestBase
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Api:RequestsPerMinute"] = "3",
        ["Api:MaxBodyBytes"] = "200",
    };

    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);

    [Fact]
    public async Task RateLimit_IsPerKey_AndAnswers429WithRetryAfter()
    {
        var alpha = Alpha;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await alpha.GetAsync("/api/jobs")).StatusCode);
        }

        var refused = await alpha.GetAsync("/api/jobs");

        await AssertProblemAsync(refused, 429);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await Beta.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task Body_LargerThanTheLimit_Is413AndChangesNothing()
    {
        var padding = new string(' ', 400);
        var response = await Admin.PostAsync("/api/providers/spotify/pause", Json($$"""{"until": "2026-11-23T00:00:00Z"{{padding}}}"""));

        await AssertProblemAsync(response, 413);
        Assert.Null(await Store.GetProviderPauseAsync("spotify", CancellationToken.None));
    }

    [Fact]
    public async Task ServerError_IsAProblemWithTraceIdAndNoStackTrace()
    {
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString + ";Pooling=False"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "ALTER TABLE jobs RENAME TO jobs_gone";
            await drop.ExecuteNonQueryAsync();
        }

        var response = await Alpha.GetAsync("/api/jobs");

        var problem = await AssertProblemAsync(response, 500);
        Assert.Contains("trace id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("jobs", body, StringComparison.Ordinal);
        Assert.Contains(Logs, line => line.Contains("Unhandled error on GET /api/jobs", StringComparison.Ordinal) && line.Contains("no such table", StringComparison.Ordinal));
    }
}

/// <summary>DESIGN §8: /metrics is open unless configured to require a key.</summary>
public sealed class MetricsKeyTests : ApiTestBase
{
    protected override Dictionary<string, string?> Settings => new() { ["Api:MetricsRequireKey"] = "true" };

    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);

    [Fact]
    public async Task Metrics_WithRequireKey_Is401WithoutAKeyAnd200WithOne()
    {
        await AssertProblemAsync(await Client().GetAsync("/metrics"), 401);

        var response = await Admin.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("refrain_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/health")).StatusCode);
    }
}
