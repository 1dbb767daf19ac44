using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Runs;
using Refrain.Storage;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Runs;

/// <summary>
/// Runs that end without passing through the worker's completion (a cancel, a reclaim out of attempts, a worker that
/// stopped before writing the summary) still get their summary: the workers' maintenance catches up on them.
/// </summary>
public abstract class RunSummaryCatchUpCompliance : StoreTestBase
{
    private const string Kind = "test/work";

    private sealed class CountingSummarizer(bool fail = false) : IRunSummarizer
    {
        public int Calls { get; private set; }

        public string Kind => RunSummaryCatchUpCompliance.Kind;

        public Task<string> SummarizeAsync(RefrainStore store, RunRecord run, CancellationToken cancellationToken)
        {
            Calls++;
            return fail ? throw new InvalidOperationException("summarizer broke") : Task.FromResult($$"""{"text":"run {{run.Id}} ended {{run.State}}"}""");
        }
    }

    private async Task<long> StartRunAsync(string subject = "root") =>
        (await Store.StartRunAsync(new RunStart(Kind, null, "manual", "cli"), new NewJob("test", "work", subject) { MaxAttempts = 1 }, CancellationToken.None)).RunId!.Value;

    private Task<int> CancelRunAsync(long runId) => Store.CancelAsync(new JobFilter { RunId = runId }, CancellationToken.None);

    private async Task<string?> SummaryAsync(long runId) => (await Store.GetRunAsync(runId, CancellationToken.None))!.Summary;

    [StoreFact]
    public async Task CancelledRun_IsSummarisedAfterTheGrace_Once()
    {
        var summarizer = new CountingSummarizer();
        var summaries = new RunSummaries([summarizer], NullLogger<RunSummaries>.Instance);
        var runId = await StartRunAsync();
        Assert.Equal(1, await CancelRunAsync(runId));
        Assert.Equal(RunState.Cancelled, (await Store.GetRunAsync(runId, CancellationToken.None))!.State);

        Assert.Equal(0, await summaries.CatchUpAsync(Store, Time.GetUtcNow(), CancellationToken.None));
        Time.Advance(RunSummaries.CatchUpGrace);
        Assert.Equal(1, await summaries.CatchUpAsync(Store, Time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(0, await summaries.CatchUpAsync(Store, Time.GetUtcNow(), CancellationToken.None));

        Assert.Equal($$"""{"text":"run {{runId}} ended cancelled"}""", await SummaryAsync(runId));
        Assert.Equal(1, summarizer.Calls);
    }

    [StoreFact]
    public async Task RunsOutsideTheWindow_OrOfAnotherKind_AreLeftAlone()
    {
        var summaries = new RunSummaries([new CountingSummarizer()], NullLogger<RunSummaries>.Instance);
        var old = await StartRunAsync("old");
        await CancelRunAsync(old);
        Time.Advance(RunSummaries.CatchUpWindow + TimeSpan.FromMinutes(1));
        var other = (await Store.StartRunAsync(new RunStart("test/other", null, "manual", "cli"), new NewJob("test", "other"), CancellationToken.None)).RunId!.Value;
        await CancelRunAsync(other);
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await summaries.CatchUpAsync(Store, Time.GetUtcNow(), CancellationToken.None));
        Assert.Null(await SummaryAsync(old));
        Assert.Null(await SummaryAsync(other));
    }

    [StoreFact]
    public async Task ASummarizerThatThrows_IsNotRetriedByEveryCatchUp()
    {
        var summarizer = new CountingSummarizer(fail: true);
        var summaries = new RunSummaries([summarizer], NullLogger<RunSummaries>.Instance);
        var runId = await StartRunAsync();
        await CancelRunAsync(runId);
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, await summaries.CatchUpAsync(Store, Time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(0, await summaries.CatchUpAsync(Store, Time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(1, summarizer.Calls);
        Assert.Null(await SummaryAsync(runId));
    }

    [StoreFact]
    public async Task RunEndedByAReclaim_IsSummarisedByTheWorkersMaintenance()
    {
        var runId = await StartRunAsync();
        var claimed = await Store.ClaimAsync(new ClaimRequest("dead-node/1", 10, TimeSpan.FromMinutes(1), null, []), CancellationToken.None);
        Assert.Single(claimed);
        var summaries = new RunSummaries([new CountingSummarizer()], NullLogger<RunSummaries>.Instance);
        var worker = new Worker(Store, new JobHandlerRegistry([]), new ProviderGate(Store, new Dictionary<string, ProviderOptions>(), Time), EmptyServices.Instance,
            new WorkerOptions { Slots = new() { ["*"] = 1 }, PollInterval = TimeSpan.FromMilliseconds(50), ReclaimInterval = TimeSpan.FromSeconds(5) },
            Time, new EngineMetrics(), NullLogger<Worker>.Instance, summaries);
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        try
        {
            await Eventually.WaitAsync(async () =>
            {
                Time.Advance(TimeSpan.FromSeconds(10));
                return await SummaryAsync(runId) is not null;
            }, "the reclaimed run's summary", null, TimeSpan.FromMilliseconds(50));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        var run = await Store.GetRunAsync(runId, CancellationToken.None);
        Assert.Equal(RunState.Failed, run!.State);
        Assert.Equal($$"""{"text":"run {{runId}} ended failed"}""", run.Summary);
    }
}

public sealed class SqliteRunSummaryCatchUpTests : RunSummaryCatchUpCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresRunSummaryCatchUpTests : RunSummaryCatchUpCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
