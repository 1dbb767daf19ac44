using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Runs;

/// <summary>/api/tasks/runs: state, counts, summary and timings; retry-dead puts a run's dead jobs back; scoped per account.</summary>
public abstract class RunsApiCompliance : ApiTestBase
{
    [StoreFact]
    public async Task Get_ShowsCountsAndTimings_AndRetryDeadRequeuesOnlyTheDeadJobs()
    {
        var runId = await StartRunAsync(AlphaId);
        var children = Enumerable.Range(0, 3).Select(i => new NewJob("test", "child", $"c{i}") { AccountId = AlphaId, MaxAttempts = 1 }).ToList();
        await Store.EnqueueChildrenAsync(runId, children, CancellationToken.None);
        var claimed = await Store.ClaimAsync(new ClaimRequest("w", 10, TimeSpan.FromMinutes(1), ["test", "system"], []), CancellationToken.None);
        var now = Time.GetUtcNow();
        await Store.CompleteAsync(claimed.Select(j => Outcomes.ToCompletion(j, j.JobType == "noop" || j.Subject == "c0" ? JobOutcome.Success() : new JobOutcome.Retry("boom"), now)).ToList(), CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(90));

        var run = await ReadJsonAsync(await Alpha.GetAsync($"/api/tasks/runs/{runId}"));
        Assert.Equal("completed_with_errors", run.GetProperty("state").GetString());
        var counts = run.GetProperty("counts");
        Assert.Equal((4L, 2L, 2L, 0L), (counts.GetProperty("total").GetInt64(), counts.GetProperty("succeeded").GetInt64(), counts.GetProperty("dead").GetInt64(), counts.GetProperty("pending").GetInt64()));
        Assert.Equal(0, run.GetProperty("duration_seconds").GetDouble());

        await AssertProblemAsync(await Beta.PostAsync($"/api/tasks/runs/{runId}/retry-dead", null), 404);
        var retried = await ReadJsonAsync(await Alpha.PostAsync($"/api/tasks/runs/{runId}/retry-dead", null));

        Assert.Equal(2, retried.GetProperty("retried").GetInt32());
        var jobs = await Store.ListJobsAsync(new JobFilter { RunId = runId }, CancellationToken.None);
        Assert.Equal(2, jobs.Count(j => j.State == JobState.Pending));
        Assert.Equal(RunState.Running, (await Store.GetRunAsync(runId, CancellationToken.None))!.State);
    }

    [StoreFact]
    public async Task List_FiltersByKindAndState_AndNeverShowsAnotherAccountsRuns()
    {
        var alphaRun = await StartRunAsync(AlphaId, "spotify/sweep_duration_mismatches");
        await StartRunAsync(BetaId, "spotify/sweep_duration_mismatches");
        var systemRun = await StartRunAsync(null, "system/noop");

        var alpha = await ReadJsonAsync(await Alpha.GetAsync("/api/tasks/runs"));
        var adminNoop = await ReadJsonAsync(await Admin.GetAsync("/api/tasks/runs?kind=system/noop&state=running"));
        var adminAll = await ReadJsonAsync(await Admin.GetAsync("/api/tasks/runs"));

        Assert.Equal([alphaRun], alpha.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal([systemRun], adminNoop.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(3, adminAll.GetProperty("items").GetArrayLength());
        await AssertProblemAsync(await Alpha.GetAsync($"/api/tasks/runs/{systemRun}"), 404);
        Assert.Equal("state", (await AssertProblemAsync(await Alpha.GetAsync("/api/tasks/runs?state=done"), 400)).GetProperty("field").GetString());
    }

    private async Task<long> StartRunAsync(long? accountId, string kind = "test/parent")
    {
        var fired = await Store.StartRunAsync(new RunStart(kind, accountId, "manual", "test"),
            new NewJob("system", "noop", Guid.NewGuid().ToString("N")) { AccountId = accountId, UniqueKey = "" }, CancellationToken.None);
        return fired.RunId!.Value;
    }
}

public sealed class SqliteRunsApiTests : RunsApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresRunsApiTests : RunsApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
