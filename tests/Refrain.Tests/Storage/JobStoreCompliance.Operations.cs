using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Storage;

public abstract partial class JobStoreCompliance
{
    [StoreFact]
    public async Task RetryByRun_PutsDeadAndFailedBackAndReopensTheRun()
    {
        var (runId, _) = await StartRunWithChildrenAsync(3);
        await DrainAsync(j => j.Subject == "child:0" ? JobOutcome.Success() : new JobOutcome.Permanent("bad"));
        Assert.Equal(RunState.CompletedWithErrors, (await Store.GetRunAsync(runId, CancellationToken.None))!.State);

        var retried = await Store.RetryAsync(new JobFilter { RunId = runId }, CancellationToken.None);

        Assert.Equal(2, retried);
        var run = (await Store.GetRunAsync(runId, CancellationToken.None))!;
        Assert.Equal(RunState.Running, run.State);
        Assert.Equal(0, run.Failed);
        await DrainAsync(_ => JobOutcome.Success());
        run = (await Store.GetRunAsync(runId, CancellationToken.None))!;
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(4, run.Succeeded);
    }

    [StoreFact]
    public async Task RetryOne_OfADeadJob_ResetsAttemptsAndMakesItDueNow()
    {
        var id = (await Store.EnqueueAsync(Job("a") with { MaxAttempts = 1 }, CancellationToken.None)).JobId;
        await FinishAsync(await ClaimOneAsync(), new JobOutcome.Retry("HTTP 500"));
        Assert.Equal(JobState.Dead, (await ReloadAsync(id)).State);

        Assert.Equal(1, await Store.RetryAsync(new JobFilter { JobId = id }, CancellationToken.None));

        var job = await ReloadAsync(id);
        Assert.Equal((JobState.Pending, 0), (job.State, job.Attempts));
        Assert.Equal(Time.GetUtcNow(), job.RunAt);
    }

    [StoreFact]
    public async Task RetryOne_WhenItsKeyIsHeldByAnotherActiveJob_LeavesItDead()
    {
        var id = (await Store.EnqueueAsync(Job("a") with { MaxAttempts = 1 }, CancellationToken.None)).JobId;
        await FinishAsync(await ClaimOneAsync(), new JobOutcome.Retry("HTTP 500"));
        await Store.EnqueueAsync(Job("a"), CancellationToken.None);

        Assert.Equal(0, await Store.RetryAsync(new JobFilter { JobId = id }, CancellationToken.None));
        Assert.Equal(JobState.Dead, (await ReloadAsync(id)).State);
    }

    [StoreFact]
    public async Task RetryByFilter_TouchesOnlyMatchingJobs()
    {
        await Store.EnqueueManyAsync([new NewJob("a", "x", "1") { MaxAttempts = 1 }, new NewJob("b", "x", "1") { MaxAttempts = 1 }], CancellationToken.None);
        await DrainAsync(_ => new JobOutcome.Retry("HTTP 500"));

        Assert.Equal(1, await Store.RetryAsync(new JobFilter { Source = "a", State = JobState.Dead }, CancellationToken.None));

        var jobs = await Store.ListJobsAsync(new JobFilter(), CancellationToken.None);
        Assert.Equal(JobState.Pending, jobs.Single(j => j.Source == "a").State);
        Assert.Equal(JobState.Dead, jobs.Single(j => j.Source == "b").State);
    }

    [StoreFact]
    public async Task CancelByRun_CancelsPendingAndRunningAndFencesTheRunningWorker()
    {
        var (runId, _) = await StartRunWithChildrenAsync(2);
        var running = await ClaimOneAsync();

        Assert.Equal(2, await Store.CancelAsync(new JobFilter { RunId = runId }, CancellationToken.None));

        Assert.Equal(0, (await FinishAsync(running, JobOutcome.Success())).Committed);
        var run = (await Store.GetRunAsync(runId, CancellationToken.None))!;
        Assert.Equal((RunState.Cancelled, 2L, 1L), (run.State, run.Cancelled, run.Succeeded));
    }

    [StoreFact]
    public async Task Prune_DeletesFinishedJobsPastTheirRetentionOnly()
    {
        await Store.EnqueueManyAsync([Job("ok"), Job("bad") with { MaxAttempts = 1 }, Job("waiting") with { RunAt = Time.GetUtcNow().AddDays(30) }], CancellationToken.None);
        await DrainAsync(j => j.Subject == "ok" ? JobOutcome.Success() : new JobOutcome.Retry("HTTP 500"));
        var succeededAge = TimeSpan.FromDays(7);
        var failedAge = TimeSpan.FromDays(90);

        Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(1, await Store.PruneAsync(succeededAge, failedAge, CancellationToken.None));
        Time.Advance(TimeSpan.FromDays(83));
        Assert.Equal(1, await Store.PruneAsync(succeededAge, failedAge, CancellationToken.None));

        Assert.Equal("waiting", Assert.Single(await Store.ListJobsAsync(new JobFilter(), CancellationToken.None)).Subject);
    }

    /// <summary>A run whose root job (a sweep) enqueued <paramref name="children"/> child jobs and succeeded.</summary>
    private async Task<(long RunId, long RootId)> StartRunWithChildrenAsync(int children)
    {
        var fired = await Store.StartRunAsync(new RunStart("test/sweep", null, "manual", "test"), new NewJob("test", "sweep", "root"), CancellationToken.None);
        var root = await ClaimOneAsync();
        var context = Context(root);
        await context.EnqueueChildrenAsync(Enumerable.Range(0, children).Select(i => Job($"child:{i}")).ToList(), CancellationToken.None);
        await FinishAsync(root, JobOutcome.Success());
        return (fired.RunId!.Value, fired.JobId!.Value);
    }

    /// <summary>Claims and completes every due job with the outcome <paramref name="decide"/> picks.</summary>
    private async Task DrainAsync(Func<JobRecord, JobOutcome> decide)
    {
        for (var claimed = await ClaimAsync(100); claimed.Count > 0; claimed = await ClaimAsync(100))
        {
            await Store.CompleteAsync(claimed.Select(j => Outcomes.ToCompletion(j, decide(j), Time.GetUtcNow(), 0.5)).ToList(), CancellationToken.None);
        }
    }
}
