using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Jobs;

/// <summary>The worker on both databases: handlers, execution timeout, graceful shutdown, the provider rate limit.</summary>
public abstract class WorkerCompliance : StoreTestBase
{
    private readonly List<JobHandlerRegistration> _handlers = [];
    private readonly Dictionary<string, ProviderOptions> _providers = [];

    private Worker NewWorker(int slots = 4, int claimBatch = 0, TimeProvider? time = null, string pool = "*") => new(
        Store, new JobHandlerRegistry(_handlers), new ProviderGate(Store, _providers, time ?? Time), EmptyServices.Instance,
        new WorkerOptions { Slots = new() { [pool] = slots }, ClaimBatch = claimBatch, PollInterval = TimeSpan.FromMilliseconds(50) },
        time ?? Time, new EngineMetrics(), NullLogger<Worker>.Instance);

    private void Handle(string jobType, Func<JobContext, CancellationToken, Task<JobOutcome>> body, TimeSpan? timeout = null, string? provider = null) =>
        _handlers.Add(new JobHandlerRegistration("test", jobType, _ => new DelegateHandler(body)) { Timeout = timeout ?? TimeSpan.FromMinutes(1), Provider = provider });

    private async Task<string> StateOfAsync(long id) => (await Store.GetJobAsync(id, CancellationToken.None))!.State;

    [StoreFact]
    public async Task Worker_DrainsEveryJobThroughItsHandlerOnce()
    {
        var executed = 0;
        Handle("count", (_, _) => { Interlocked.Increment(ref executed); return Task.FromResult(JobOutcome.Success()); });
        await Store.EnqueueManyAsync(Enumerable.Range(0, 300).Select(i => new NewJob("test", "count", $"{i}")).ToList(), CancellationToken.None);
        var worker = NewWorker(slots: 8, claimBatch: 32, time: TimeProvider.System);
        using var stop = new CancellationTokenSource();

        var running = worker.RunAsync(stop.Token);
        await Eventually.WaitAsync(() => Task.FromResult(worker.Stats.Committed == 300), "300 committed completions");
        await stop.CancelAsync();
        await running;

        Assert.Equal(300, executed);
        Assert.Equal(300, (await Store.CountJobsAsync(CancellationToken.None)).Single(c => c.State == JobState.Succeeded).Count);
    }

    [StoreFact]
    public async Task Worker_HungHandler_IsCancelledAtItsTimeoutAndRetried()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Handle("hang", async (_, ct) => { started.TrySetResult(); await Task.Delay(Timeout.Infinite, ct); return JobOutcome.Success(); }, timeout: TimeSpan.FromSeconds(10));
        var id = (await Store.EnqueueAsync(new NewJob("test", "hang", "1"), CancellationToken.None)).JobId;
        using var stop = new CancellationTokenSource();
        var running = NewWorker().RunAsync(stop.Token);

        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.WaitAsync(async () => await StateOfAsync(id) == JobState.Pending, "the hung job back in the queue");
        await stop.CancelAsync();
        await running;

        var job = (await Store.GetJobAsync(id, CancellationToken.None))!;
        Assert.Contains("timed out", job.LastError, StringComparison.Ordinal);
        Assert.Equal(1, job.Attempts);
    }

    [StoreFact]
    public async Task Worker_HandlerThatThrows_IsRetriedWithBackoff()
    {
        Handle("throw", (_, _) => throw new InvalidOperationException("boom"));
        var id = (await Store.EnqueueAsync(new NewJob("test", "throw", "1"), CancellationToken.None)).JobId;
        using var stop = new CancellationTokenSource();
        var running = NewWorker().RunAsync(stop.Token);

        await Eventually.WaitAsync(async () => (await Store.GetJobAsync(id, CancellationToken.None))!.LastError is not null, "the error recorded");
        await stop.CancelAsync();
        await running;

        var job = (await Store.GetJobAsync(id, CancellationToken.None))!;
        Assert.Equal(JobState.Pending, job.State);
        Assert.Contains("boom", job.LastError, StringComparison.Ordinal);
        Assert.True(job.RunAt > Time.GetUtcNow().AddSeconds(20));
    }

    [StoreFact]
    public async Task Worker_JobWithoutHandler_FailsPermanently()
    {
        var id = (await Store.EnqueueAsync(new NewJob("test", "unknown", "1"), CancellationToken.None)).JobId;
        using var stop = new CancellationTokenSource();
        var running = NewWorker().RunAsync(stop.Token);

        await Eventually.WaitAsync(async () => await StateOfAsync(id) == JobState.Failed, "the job failed");
        await stop.CancelAsync();
        await running;

        Assert.Contains("no handler", (await Store.GetJobAsync(id, CancellationToken.None))!.LastError, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Shutdown_FinishesTheRunningJobAndReleasesTheUnstarted()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Handle("gated", async (_, _) => { started.TrySetResult(); await gate.Task; return JobOutcome.Success(); });
        await Store.EnqueueManyAsync(Enumerable.Range(0, 5).Select(i => new NewJob("test", "gated", $"{i}")).ToList(), CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var running = NewWorker(slots: 1, claimBatch: 5).RunAsync(stop.Token);

        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        gate.SetResult();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        var jobs = await Store.ListJobsAsync(new JobFilter(), CancellationToken.None);
        Assert.Single(jobs, j => j.State == JobState.Succeeded);
        var released = jobs.Where(j => j.State == JobState.Pending).ToList();
        Assert.Equal(4, released.Count);
        Assert.All(released, j => Assert.Equal((0, "released"), (j.Attempts, j.Reason)));
    }

    [StoreFact]
    public async Task RateLimit_JobsBeyondTheLimitSnoozeWithoutSpendingAttempts()
    {
        _providers["fake"] = new ProviderOptions { RequestsPerWindow = 3 };
        Handle("call", async (context, ct) => await context.AcquireRequestAsync(ct) ?? JobOutcome.Success(), provider: "fake");
        await Store.EnqueueManyAsync(Enumerable.Range(0, 5).Select(i => new NewJob("test", "call", $"{i}") { Provider = "fake" }).ToList(), CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var worker = NewWorker(slots: 5);
        var running = worker.RunAsync(stop.Token);

        await Eventually.WaitAsync(() => Task.FromResult(worker.Stats.Committed == 5), "five completions");
        await stop.CancelAsync();
        await running;

        var jobs = await Store.ListJobsAsync(new JobFilter(), CancellationToken.None);
        Assert.Equal(3, jobs.Count(j => j.State == JobState.Succeeded));
        var snoozed = jobs.Where(j => j.State == JobState.Pending).ToList();
        Assert.Equal(2, snoozed.Count);
        Assert.All(snoozed, j => Assert.Equal(0, j.Attempts));
        // The 30 s window plus the gate's 1 s margin for the delay between grant and receipt.
        Assert.All(snoozed, j => Assert.Equal(Time.GetUtcNow().AddSeconds(31), j.RunAt));
    }

    [StoreFact]
    public async Task ProviderPool_ClaimsNoMoreThanTheTokensInSight()
    {
        _providers["fake"] = new ProviderOptions { RequestsPerWindow = 3 };
        _handlers.Add(new JobHandlerRegistration("fake", "call", _ => new DelegateHandler(async (context, ct) => await context.AcquireRequestAsync(ct) ?? JobOutcome.Success()))
        {
            Provider = "fake",
        });
        await Store.EnqueueManyAsync(Enumerable.Range(0, 10).Select(i => new NewJob("fake", "call", $"{i}") { Provider = "fake" }).ToList(), CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var worker = NewWorker(slots: 10, pool: "fake");
        var running = worker.RunAsync(stop.Token);

        await Eventually.WaitAsync(() => Task.FromResult(worker.Stats.Committed >= 3), "three completions");
        await stop.CancelAsync();
        await running;

        var jobs = await Store.ListJobsAsync(new JobFilter(), CancellationToken.None);
        Assert.Equal(3, jobs.Count(j => j.State == JobState.Succeeded));
        Assert.All(jobs.Where(j => j.State != JobState.Succeeded), j => Assert.Null(j.StartedAt));
        Assert.Equal(3, worker.Stats.Claimed);
    }

    [StoreFact]
    public async Task ProviderPool_ClaimsOnlyTheJobsTheTokensPayFor_AtTheDeclaredRequestsPerJob()
    {
        _providers["fake"] = new ProviderOptions { RequestsPerWindow = 9 };
        _handlers.Add(new JobHandlerRegistration("fake", "three", _ => new DelegateHandler(async (context, ct) =>
        {
            for (var i = 0; i < 3; i++)
            {
                if (await context.AcquireRequestAsync(ct) is { } refused)
                {
                    return refused;
                }
            }

            return JobOutcome.Success();
        }))
        {
            Provider = "fake",
            RequestsPerJob = 3,
        });
        await Store.EnqueueManyAsync(Enumerable.Range(0, 10).Select(i => new NewJob("fake", "three", $"{i}") { Provider = "fake" }).ToList(), CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var worker = NewWorker(slots: 10, pool: "fake");
        var running = worker.RunAsync(stop.Token);

        await Eventually.WaitAsync(() => Task.FromResult(worker.Stats.Committed >= 3), "three completions");
        await stop.CancelAsync();
        await running;

        // Nine requests pay for three jobs of three: no job starts only to snooze half-way and repeat its requests.
        var jobs = await Store.ListJobsAsync(new JobFilter(), CancellationToken.None);
        Assert.Equal(3, jobs.Count(j => j.State == JobState.Succeeded));
        Assert.All(jobs.Where(j => j.State != JobState.Succeeded), j => Assert.Null(j.StartedAt));
        Assert.Equal(3, worker.Stats.Claimed);
    }

    private sealed class DelegateHandler(Func<JobContext, CancellationToken, Task<JobOutcome>> body) : IJobHandler
    {
        public Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken) => body(context, cancellationToken);
    }
}

public sealed class SqliteWorkerTests : WorkerCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresWorkerTests : WorkerCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
