using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Sandbox;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Listening.Connect;

namespace Refrain.Tests.Listening.Sync;

/// <summary>
/// Sync with everything real, on both databases: the server's own connect flow, its encrypted tokens and their lifecycle, the
/// handler built by the engine's registration, the sandbox over HTTP on the test's clock. Jobs are claimed and run one at a
/// time, as a worker would.
/// </summary>
public abstract class SyncEndToEndCompliance : ConnectTestBase
{
    protected override void ConfigureSandbox(SandboxOptions options) => options.ListeningShare = 1;

    /// <summary>Claims the next Spotify job and runs it through the registered handler; completes it with its outcome.</summary>
    private async Task<(JobOutcome Outcome, JobRecord Job)> RunNextAsync()
    {
        var job = Assert.Single(await Store.ClaimAsync(new ClaimRequest("worker-a", 1, TimeSpan.FromMinutes(5), ["spotify"], []), CancellationToken.None));
        var registration = Services.GetRequiredService<JobHandlerRegistry>().Find(job.Source, job.JobType)!;
        var context = new JobContext(job, Services, Store, Services.GetRequiredService<ProviderGate>(), Time);
        var outcome = await registration.Factory(Services).ExecuteAsync(context, CancellationToken.None);
        await Store.CompleteAsync([Outcomes.ToCompletion(job, outcome, Time.GetUtcNow(), jitter: 0.5)], CancellationToken.None);
        return (outcome, job);
    }

    [StoreFact]
    public async Task Connecting_QueuesAFirstSync_ThatStoresTheListenersRecentPlays()
    {
        var id = await ConnectAsync(1);

        var (outcome, job) = await RunNextAsync();
        var progress = await ReadJsonAsync(await Alpha.GetAsync($"/api/listeners/{id}"));

        Assert.Equal(($"listener:{id}", "added 50 of 50 plays, possible gap"), (job.Subject, Assert.IsType<JobOutcome.Succeeded>(outcome).Detail));
        Assert.Equal((50L, "active", 1L), (progress.GetProperty("total_plays").GetInt64(), progress.GetProperty("status").GetString(), progress.GetProperty("possible_gaps").GetInt64()));
        Assert.Equal(Time.GetUtcNow(), progress.GetProperty("last_sync_at").GetDateTimeOffset());
        Assert.InRange(progress.GetProperty("refresh_expires_in_days").GetInt64(), 180, 185); // six calendar months
    }

    [StoreFact]
    public async Task AnHourLater_ManualSyncsRefreshTheTokens_AndAListenerWhoRevokedAccessFailsAloneAndMustReconnect()
    {
        var alice = await ConnectAsync(2);
        var bob = await ConnectAsync(3);
        await RunNextAsync();
        await RunNextAsync();
        Sandbox.RevokeAccess(3);
        Time.Advance(TimeSpan.FromHours(2)); // both access tokens have expired

        var aliceSync = await Alpha.PostAsync($"/api/listeners/{alice}/sync", null);
        var bobSync = await Alpha.PostAsync($"/api/listeners/{bob}/sync", null);
        var first = await RunNextAsync();
        var second = await RunNextAsync();
        var again = await Alpha.PostAsync($"/api/listeners/{bob}/sync", null);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (aliceSync.StatusCode, bobSync.StatusCode));
        var outcomes = new[] { first, second }.ToDictionary(r => r.Job.Subject!, r => r.Outcome);
        Assert.StartsWith("added ", Assert.IsType<JobOutcome.Succeeded>(outcomes[$"listener:{alice}"]).Detail, StringComparison.Ordinal);
        Assert.IsType<JobOutcome.Permanent>(outcomes[$"listener:{bob}"]);
        var a = await ReadJsonAsync(await Alpha.GetAsync($"/api/listeners/{alice}"));
        var b = await ReadJsonAsync(await Alpha.GetAsync($"/api/listeners/{bob}"));
        Assert.Equal(("active", Time.GetUtcNow()), (a.GetProperty("status").GetString(), a.GetProperty("last_sync_at").GetDateTimeOffset()));
        Assert.True(a.GetProperty("total_plays").GetInt64() > 50);
        Assert.Equal(("reauth_required", 50L), (b.GetProperty("status").GetString(), b.GetProperty("total_plays").GetInt64()));
        Assert.Contains("invalid_grant", b.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Contains("must reconnect", (await AssertProblemAsync(again, 409)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteSyncEndToEndTests : SyncEndToEndCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresSyncEndToEndTests : SyncEndToEndCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
