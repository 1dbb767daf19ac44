using Refrain.Jobs;
using Refrain.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Refrain.Tests.MultiProcess;

/// <summary>Several worker processes share one PostgreSQL queue: each job is completed exactly once (DESIGN §4).</summary>
[Collection(MultiProcessCollection.Name)]
public sealed class QueueDrainTests(ITestOutputHelper output) : MultiProcessTest(output)
{
    private const int JobCount = 50_000;

    [PostgresFact]
    public async Task Three_worker_processes_drain_50000_jobs_with_exactly_one_committed_completion_each()
    {
        var settings = NodeSettings(("Scheduling:Enabled", "false"), ("Workers:Slots:*", "16"));
        var nodes = Enumerable.Range(1, 3).Select(i => StartNode($"worker-{i}", settings)).ToList();
        var workerIds = new List<string>();
        foreach (var node in nodes)
        {
            workerIds.Add(await WaitReadyAsync(node));
        }

        Assert.Equal(3, workerIds.Distinct().Count());

        // All three are polling before the first job lands, so each gets a share of the queue.
        var jobs = Enumerable.Range(0, JobCount).Select(i => new NewJob("system", "noop", $"drain:{i}")).ToList();
        Assert.Equal(JobCount, await Store.EnqueueManyAsync(jobs, CancellationToken.None));
        Log($"enqueued {JobCount} jobs");

        await EventuallyAsync(
            $"all {JobCount} jobs succeeded",
            () => ScalarAsync<long>("SELECT count(*) FROM jobs WHERE state = 'succeeded'"),
            n => n == JobCount);

        var exits = await Task.WhenAll(nodes.Select(n => n.TerminateAsync()));
        Log($"stopped all workers: exit codes {string.Join(", ", exits)}");
        Assert.All(exits, code => Assert.Equal(0, code));

        var stats = nodes.Select(WorkerStatsLine.Of).ToList();
        foreach (var s in stats)
        {
            Log($"{s}");
        }

        Assert.Equal(workerIds.Order(StringComparer.Ordinal), stats.Select(s => s.WorkerId).Order(StringComparer.Ordinal));
        Assert.All(stats, s => Assert.True(s.Committed > 0, $"worker {s.WorkerId} committed no completion: {s}"));
        Assert.Equal(JobCount, stats.Sum(s => s.Committed));
        Assert.True(stats.Sum(s => s.Executed) >= JobCount, $"executions {stats.Sum(s => s.Executed)} < {JobCount}");
        Assert.True(stats.Sum(s => s.Claimed) >= JobCount, $"claims {stats.Sum(s => s.Claimed)} < {JobCount}");

        // The database agrees: every job exactly once, finished, with at least one attempt, nothing left leased.
        var rows = await QueryAsync<(long Total, long Succeeded, long MinAttempts, long Unfinished, long Leased, long Keys)>("""
            SELECT count(*), count(*) FILTER (WHERE state = 'succeeded'), COALESCE(min(attempts), 0),
                   count(*) FILTER (WHERE finished_at IS NULL), count(*) FILTER (WHERE lease_token IS NOT NULL OR worker_id IS NOT NULL),
                   count(DISTINCT unique_key)
            FROM jobs
            """);
        var db = rows.Single();
        Assert.Equal(JobCount, db.Total);
        Assert.Equal(JobCount, db.Succeeded);
        Assert.Equal(JobCount, db.Keys);
        Assert.True(db.MinAttempts >= 1, $"a succeeded job has {db.MinAttempts} attempts; states: {await JobStatesAsync()}");
        Assert.Equal(0, db.Unfinished);
        Assert.Equal(0, db.Leased);
    }
}
