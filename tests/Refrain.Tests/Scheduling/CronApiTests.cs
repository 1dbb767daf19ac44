using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Scheduling;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Scheduling;

/// <summary>
/// DESIGN §8: <c>POST /api/cron/{schedule}</c> takes <c>Authorization: Bearer &lt;Cron:Secret&gt;</c> and nothing else (an
/// API key does not do), starts the schedule's run, and the secret never reaches the log.
/// </summary>
public abstract class CronApiCompliance : ApiTestBase
{
    private const string Secret = "cron-secret-0f3c9a7e5b1d4c2a8e6f";

    protected override Dictionary<string, string?> Settings => new() { [CronApi.SecretKey] = Secret };

    [StoreFact]
    public async Task CorrectSecret_StartsARunOfTheSystemSchedule_WithItsJob()
    {
        await SeedAsync(null);

        var response = await Client().SendAsync(Request("/api/cron/nightly", Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ReadJsonAsync(response);
        var run = await Store.GetRunAsync(body.GetProperty("run_id").GetInt64(), CancellationToken.None);
        var job = await Store.GetJobAsync(body.GetProperty("job_id").GetInt64(), CancellationToken.None);
        Assert.NotNull(run);
        Assert.NotNull(job);
        Assert.Equal(("nightly", "manual", "cron", (long?)null), (run.ScheduleName, run.TriggerType, run.RequestedBy, run.AccountId));
        Assert.Equal(("system", "noop", run.Id), (job.Source, job.JobType, job.RunId!.Value));
    }

    [StoreFact]
    public async Task CorrectSecret_WithAccountId_StartsThatAccountsSchedule()
    {
        await SeedAsync(AlphaId);

        var response = await Client().SendAsync(Request($"/api/cron/nightly?account_id={AlphaId}", Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await Store.GetRunAsync((await ReadJsonAsync(response)).GetProperty("run_id").GetInt64(), CancellationToken.None);
        Assert.Equal(AlphaId, run!.AccountId);
    }

    [StoreFact]
    public async Task CorrectSecret_ForAnUnknownSchedule_Is404()
    {
        await SeedAsync(AlphaId);

        await AssertProblemAsync(await Client().SendAsync(Request("/api/cron/nightly", Secret)), 404);
        await AssertProblemAsync(await Client().SendAsync(Request("/api/cron/missing", Secret)), 404);
        Assert.Empty(await Store.ListRunsAsync(null, null, null, true, 10, CancellationToken.None));
    }

    [StoreFact]
    public async Task WrongSecret_Is401AndStartsNothing()
    {
        await SeedAsync(null);

        foreach (var wrong in new[] { Secret + "x", Secret[..^1], Secret.ToUpperInvariant(), "" })
        {
            var response = await Client().SendAsync(Request("/api/cron/nightly", wrong));
            await AssertProblemAsync(response, 401);
        }

        Assert.Empty(await Store.RunsOfScheduleAsync(null, "nightly", 10, CancellationToken.None));
    }

    [StoreFact]
    public async Task MissingAuthorization_Is401()
    {
        await SeedAsync(null);

        var response = await Client().PostAsync("/api/cron/nightly", null);

        await AssertProblemAsync(response, 401);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(await Store.RunsOfScheduleAsync(null, "nightly", 10, CancellationToken.None));
    }

    [StoreFact]
    public async Task ApiKey_InsteadOfTheSecret_Is401_AsHeaderOrBearer()
    {
        await SeedAsync(null);

        await AssertProblemAsync(await Admin.PostAsync("/api/cron/nightly", null), 401);
        await AssertProblemAsync(await Client().SendAsync(Request("/api/cron/nightly", AdminKey)), 401);
        Assert.Empty(await Store.RunsOfScheduleAsync(null, "nightly", 10, CancellationToken.None));
    }

    [StoreFact]
    public async Task Secret_NeverAppearsInTheServerLog_WhetherAcceptedOrRefused()
    {
        await SeedAsync(null);
        var wrong = Secret[..^4] + "zzzz";

        await Client().SendAsync(Request("/api/cron/nightly", Secret));
        await Client().SendAsync(Request("/api/cron/nightly", wrong));
        await Client().SendAsync(Request("/api/cron/missing", Secret));

        Assert.Contains(Logs, line => line.Contains("Cron call for schedule nightly refused", StringComparison.Ordinal));
        Assert.DoesNotContain(Logs, line => line.Contains("0f3c9a7e5b1d", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Request(string path, string bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");
        return request;
    }

    private Task<ScheduleRecord> SeedAsync(long? accountId) =>
        Services.GetRequiredService<ScheduleService>().UpsertAsync(
            new ScheduleDefinition("nightly", "0 3 * * *", "system/noop") { AccountId = accountId }, CancellationToken.None);
}

/// <summary>With no <c>Cron:Secret</c> configured the cron route refuses every call, even an empty bearer.</summary>
public abstract class CronApiWithoutSecretCompliance : ApiTestBase
{
    [StoreFact]
    public async Task UnsetSecret_Is401_EvenWithAnEmptyBearerOrAnAdminKey()
    {
        await Services.GetRequiredService<ScheduleService>().UpsertAsync(new ScheduleDefinition("nightly", "0 3 * * *", "system/noop"), CancellationToken.None);

        foreach (var authorization in new[] { "Bearer ", "Bearer", "Bearer \"\"", $"Bearer {AdminKey}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cron/nightly");
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            await AssertProblemAsync(await Client().SendAsync(request), 401);
        }

        using var empty = new HttpRequestMessage(HttpMethod.Post, "/api/cron/nightly");
        empty.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "");
        await AssertProblemAsync(await Client().SendAsync(empty), 401);
        Assert.Contains(Logs, line => line.Contains("no Cron:Secret is configured", StringComparison.Ordinal));
        Assert.Empty(await Store.RunsOfScheduleAsync(null, "nightly", 10, CancellationToken.None));
    }
}

/// <summary>A blank secret counts as none: otherwise an empty bearer would match it.</summary>
public sealed class CronSecretTests
{
    [Theory]
    [InlineData(null, "Bearer ")]
    [InlineData("", "Bearer ")]
    [InlineData("   ", "Bearer    ")]
    [InlineData("", "Bearer")]
    public void Refusal_WithABlankSecret_RefusesEvenAMatchingBlankBearer(string? secret, string authorization) =>
        Assert.Equal("no Cron:Secret is configured", CronApi.Refusal(authorization, secret));

    [Theory]
    [InlineData("Bearer s3cret", null)]
    [InlineData("bearer s3cret", null)]
    [InlineData("Bearer  s3cret ", null)]
    [InlineData("Bearer s3cre", "wrong bearer token")]
    [InlineData("Basic s3cret", "no bearer token")]
    [InlineData("s3cret", "no bearer token")]
    public void Refusal_ComparesTheBearerTokenWithTheSecret(string authorization, string? expected) =>
        Assert.Equal(expected, CronApi.Refusal(authorization, "s3cret"));

    [Fact]
    public void Refusal_WithTwoAuthorizationHeaders_RefusesEvenWhenOneIsRight() =>
        Assert.Equal("no bearer token", CronApi.Refusal(new Microsoft.Extensions.Primitives.StringValues(["Bearer s3cret", "Bearer s3cret"]), "s3cret"));
}

public sealed class SqliteCronApiTests : CronApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresCronApiTests : CronApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}

public sealed class SqliteCronApiWithoutSecretTests : CronApiWithoutSecretCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresCronApiWithoutSecretTests : CronApiWithoutSecretCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
