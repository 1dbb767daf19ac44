using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Storage;

public abstract partial class JobStoreCompliance
{
    [StoreFact]
    public async Task Run_EndsWhenTheSweepAndEveryChildAreTerminal()
    {
        var (runId, _) = await StartRunWithChildrenAsync(3);
        var mid = (await Store.GetRunAsync(runId, CancellationToken.None))!;
        Assert.Equal((RunState.Running, 4L, 1L), (mid.State, mid.Total, mid.Succeeded));

        await DrainAsync(j => j.Subject == "child:1" ? new JobOutcome.NoData("HTTP 404") : JobOutcome.Success());

        var run = (await Store.GetRunAsync(runId, CancellationToken.None))!;
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal((4L, 3L, 1L), (run.Total, run.Succeeded, run.NoData));
        Assert.Equal(Time.GetUtcNow().ToUnixTimeMilliseconds(), run.EndedAt);
    }

    [StoreFact]
    public async Task Run_WithADeadChild_CompletesWithErrors()
    {
        var fired = await Store.StartRunAsync(new RunStart("test/sweep", null, "manual", "test"), new NewJob("test", "sweep", "root"), CancellationToken.None);
        var root = await ClaimOneAsync();
        await Context(root).EnqueueChildrenAsync([Job("child") with { MaxAttempts = 1 }], CancellationToken.None);
        await FinishAsync(root, JobOutcome.Success());

        await DrainAsync(_ => new JobOutcome.Retry("HTTP 500"));

        var run = (await Store.GetRunAsync(fired.RunId!.Value, CancellationToken.None))!;
        Assert.Equal((RunState.CompletedWithErrors, 1L), (run.State, run.Dead));
    }

    [StoreFact]
    public async Task Run_WhoseSweepFailed_IsFailed()
    {
        var fired = await Store.StartRunAsync(new RunStart("test/sweep", null, "manual", "test"), new NewJob("test", "sweep", "root"), CancellationToken.None);

        await DrainAsync(_ => new JobOutcome.Permanent("query failed"));

        Assert.Equal(RunState.Failed, (await Store.GetRunAsync(fired.RunId!.Value, CancellationToken.None))!.State);
    }

    [StoreFact]
    public async Task Run_WithoutChildren_EndsWithItsSweep()
    {
        var fired = await Store.StartRunAsync(new RunStart("test/sweep", 1, "api", "key:1"), new NewJob("test", "sweep", "root") { AccountId = 1 }, CancellationToken.None);

        await DrainAsync(_ => JobOutcome.Success());

        var run = (await Store.GetRunAsync(fired.RunId!.Value, CancellationToken.None))!;
        Assert.Equal((RunState.Succeeded, 1L, 1L), (run.State, run.Total, run.AccountId ?? 0));
    }
}
