using System.Net;
using System.Text.Json;
using Dapper;
using Refrain.Jobs;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Listening.Sync;

/// <summary><c>POST /api/listeners/{id}/sync</c> on both databases: 202 with the job, one job per listener, 409 unless connected, 404 across accounts.</summary>
public abstract class ListenerSyncApiCompliance : ApiTestBase
{
    private async Task<long> ListenerAsync(HttpClient client, string name, string? status = "active")
    {
        var body = await ReadJsonAsync(await client.PostAsync("/api/listeners", Json(JsonSerializer.Serialize(new { display_name = name }))));
        var id = body.GetProperty("id").GetInt64();
        if (status is not null)
        {
            await Store.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE listeners SET refresh_token = @blob, access_token = @blob, status = @status WHERE id = @id",
                new { id, status, blob = new byte[] { 7 } }, tx), CancellationToken.None);
        }

        return id;
    }

    [StoreFact]
    public async Task Sync_Is202WithTheSyncJob_AndAskingAgainReturnsTheSameQueuedJob()
    {
        var id = await ListenerAsync(Alpha, "Alice");

        var first = await Alpha.PostAsync($"/api/listeners/{id}/sync", null);
        var firstBody = await ReadJsonAsync(first);
        var second = await ReadJsonAsync(await Alpha.PostAsync($"/api/listeners/{id}/sync", null));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var jobId = firstBody.GetProperty("job_id").GetInt64();
        Assert.Equal($"/api/jobs/{jobId}", first.Headers.Location?.OriginalString);
        Assert.Equal((id, false), (firstBody.GetProperty("listener_id").GetInt64(), firstBody.GetProperty("already_queued").GetBoolean()));
        Assert.Equal((jobId, true), (second.GetProperty("job_id").GetInt64(), second.GetProperty("already_queued").GetBoolean()));
        var job = (await Store.GetJobAsync(jobId, CancellationToken.None))!;
        Assert.Equal(("spotify", "sync_recently_played", $"listener:{id}", "spotify", AlphaId, JobState.Pending),
            (job.Source, job.JobType, job.Subject, job.Provider, job.AccountId, job.State));
    }

    [StoreFact]
    public async Task Sync_OfAListenerNotConnectedOrNotActive_Is409AndQueuesNothing()
    {
        var never = await ListenerAsync(Alpha, "Never", status: null);
        var reauth = await ListenerAsync(Alpha, "Reauth", status: "reauth_required");
        var paused = await ListenerAsync(Alpha, "Paused", status: "paused");

        var a = await AssertProblemAsync(await Alpha.PostAsync($"/api/listeners/{never}/sync", null), 409);
        var b = await AssertProblemAsync(await Alpha.PostAsync($"/api/listeners/{reauth}/sync", null), 409);
        var c = await AssertProblemAsync(await Alpha.PostAsync($"/api/listeners/{paused}/sync", null), 409);

        Assert.Contains("not connected", a.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("must reconnect", b.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("paused", c.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Store.ReadAsync(x => x.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs WHERE job_type = 'sync_recently_played'"), CancellationToken.None));
    }

    [StoreFact]
    public async Task Sync_OfAnotherAccountsOrAnUnknownListener_Is404_ButAnAdminMaySync()
    {
        var id = await ListenerAsync(Alpha, "Alice");

        await AssertProblemAsync(await Beta.PostAsync($"/api/listeners/{id}/sync", null), 404);
        await AssertProblemAsync(await Alpha.PostAsync($"/api/listeners/{id + 100}/sync", null), 404);
        var admin = await Admin.PostAsync($"/api/listeners/{id}/sync", null);

        Assert.Equal(HttpStatusCode.Accepted, admin.StatusCode);
        Assert.Equal(1, await Store.ReadAsync(x => x.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs WHERE job_type = 'sync_recently_played'"), CancellationToken.None));
    }
}

public sealed class SqliteListenerSyncApiTests : ListenerSyncApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresListenerSyncApiTests : ListenerSyncApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
