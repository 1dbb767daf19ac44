using System.Net;
using System.Net.Http.Headers;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Http;

/// <summary>DESIGN §8: exactly one of x-api-key or Authorization: Bearer; unknown and revoked keys are 401; keys never logged.</summary>
public abstract class AuthenticationCompliance : ApiTestBase
{
    [StoreFact]
    public async Task Request_WithNeitherHeader_Is401SayingExactlyOneIsRequired()
    {
        var problem = await AssertProblemAsync(await Client().GetAsync("/api/jobs"), 401);

        Assert.Contains("exactly one", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Request_WithBothHeaders_Is401EvenWhenBothHoldTheSameValidKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/jobs");
        request.Headers.Add("x-api-key", AlphaKey);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AlphaKey);

        var problem = await AssertProblemAsync(await Client().SendAsync(request), 401);

        Assert.Contains("exactly one", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Request_WithBearerKey_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/jobs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AlphaKey);

        var response = await Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [StoreFact]
    public async Task Request_WithHeaderKey_IsAcceptedAndRecordsLastUse()
    {
        var response = await Alpha.GetAsync("/api/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = await Store.ListApiKeysAsync(CancellationToken.None);
        Assert.Equal(Time.GetUtcNow(), keys.Single(k => k.AccountName == "alpha").LastUsedAt);
        Assert.Null(keys.Single(k => k.AccountName == "beta").LastUsedAt);
    }

    [StoreFact]
    public async Task Request_WithRevokedKey_Is401()
    {
        var id = long.Parse(AlphaKey.Split('_')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await Store.RevokeApiKeyAsync(id, CancellationToken.None));

        await AssertProblemAsync(await Alpha.GetAsync("/api/jobs"), 401);
    }

    [StoreFact]
    public async Task Request_WithWrongSecretOrUnknownIdOrGarbage_Is401()
    {
        var wrongSecret = AlphaKey[..^4] + (AlphaKey.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var unknownId = "rfn_999999_" + AlphaKey.Split('_', 3)[2];

        foreach (var key in new[] { wrongSecret, unknownId, "not-a-key", "rfn__x", "rfn_1_" })
        {
            await AssertProblemAsync(await Client(key).GetAsync("/api/jobs"), 401);
        }
    }

    [StoreFact]
    public async Task Keys_NeverAppearInTheServerLog_NotEvenWhenRefusedOrFailing()
    {
        var wrong = AlphaKey[..^4] + "zzzz";
        await Alpha.GetAsync("/api/jobs");
        await Client(wrong).GetAsync("/api/jobs");
        await Alpha.GetAsync("/api/jobs?state=bogus");
        await Alpha.GetAsync("/api/jobs/42");

        Assert.NotEmpty(Logs);
        var secret = AlphaKey.Split('_', 3)[2];
        Assert.DoesNotContain(Logs, line => line.Contains(secret, StringComparison.Ordinal) || line.Contains(wrong[^20..], StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task HealthAndOpenApi_NeedNoKey()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/api/docs/index.html")).StatusCode);
    }
}

public sealed class SqliteAuthenticationTests : AuthenticationCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresAuthenticationTests : AuthenticationCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
