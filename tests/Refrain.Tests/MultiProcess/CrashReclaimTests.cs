using Refrain.Jobs;
using Refrain.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Refrain.Tests.MultiProcess;

/// <summary>A node that dies mid-job loses its lease, and another node reclaims and completes the job (DESIGN §4).</summary>
[Collection(MultiProcessCollection.Name)]
public sealed class CrashReclaimTests(ITestOutputHelper output) : MultiProcessTest(output)
{
    [PostgresFact]
    public async Task A_job_held_by_a_SIGKILLed_worker_is_reclaimed_and_completed_by_another_worker()
    {
        // Short leases and a fast reclaim loop so the dead node's lease runs out within seconds.
        var settings = NodeSettings(
            ("Scheduling:Enabled", "false"),
            ("Workers:Lease", "00:00:03"),
            ("Workers:LeaseSkew", "00:00:00.500"),
            ("Workers:ReclaimInterval", "00:00:01"));
        var held = await Store.EnqueueAsync(
            new NewJob("system", "noop", "held") { Args = """{"work_ms": 60000}""", MaxAttempts = 2 }, CancellationToken.None);
        Assert.True(held.Inserted);

        var a = StartNode("worker-a", settings);
        var aId = await WaitReadyAsync(a);
        Assert.StartsWith($"{Environment.MachineName}:{a.Pid}:", aId, StringComparison.Ordinal);

        var running = await EventuallyAsync(
            $"job {held.JobId} running on {aId}",
            () => Store.GetJobAsync(held.JobId, CancellationToken.None),
            j => j is { State: JobState.Running } && j.WorkerId == aId,
            j => $"state={j?.State} worker={j?.WorkerId} attempts={j?.Attempts}");
        Assert.Equal(1, running!.Attempts);

        var aExit = await a.KillAsync();
        Log($"SIGKILLed worker-a: exit code {aExit}");
        Assert.NotEqual(0, aExit);
        Assert.Empty(a.Matches(RefrainProcess.WorkerStatsLine())); // it died: no graceful shutdown

        // The job is still 'running' under the dead worker's lease; make its next execution quick.
        var afterKill = await Store.GetJobAsync(held.JobId, CancellationToken.None);
        Assert.Equal(JobState.Running, afterKill!.State);
        Assert.Equal(aId, afterKill.WorkerId);
        Assert.Equal(1, await ExecuteAsync("UPDATE jobs SET args = '{}' WHERE id = @id AND state = 'running'", new { id = held.JobId }));

        var b = StartNode("worker-b", settings);
        var bId = await WaitReadyAsync(b);
        Assert.NotEqual(aId, bId);

        var done = await EventuallyAsync(
            $"job {held.JobId} finished after reclaim",
            () => Store.GetJobAsync(held.JobId, CancellationToken.None),
            j => j is not null && j.State is not (JobState.Pending or JobState.Running),
            j => $"state={j?.State} worker={j?.WorkerId} attempts={j?.Attempts} reason={j?.Reason} error={j?.LastError}");
        Assert.Equal(JobState.Succeeded, done!.State);
        Assert.Equal(2, done.Attempts); // A's execution (cut short by the kill) and B's: attempts count executions
        Assert.Null(done.WorkerId);
        Assert.Null(done.LeaseToken);
        Assert.NotNull(done.FinishedAt);
        Assert.True(done.LastError?.Contains(aId, StringComparison.Ordinal) == true,
            $"expected the reclaim to name the dead worker {aId} in last_error, got '{done.LastError}'");

        Assert.Equal(0, await b.TerminateAsync());
        var bStats = WorkerStatsLine.Of(b);
        Log($"{bStats}");
        Assert.Equal(bId, bStats.WorkerId);
        Assert.Equal(1, bStats.Claimed);
        Assert.Equal(1, bStats.Executed);
        Assert.Equal(1, bStats.Committed);
        Assert.Equal(0, bStats.Fenced);
        Assert.NotEmpty(b.Matches(new System.Text.RegularExpressions.Regex(@"Reclaimed 1 jobs whose leases expired")));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM jobs"));
    }
}
