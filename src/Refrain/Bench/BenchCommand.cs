using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Storage;

namespace Refrain.Cli;

/// <summary>
/// <c>refrain bench queue</c>: bulk-enqueues no-op jobs, then drains them through the same worker → handler → lease →
/// completion path that <c>serve</c> runs. Prints numbers; asserts nothing.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks");
        var jobs = new Option<int>("--jobs") { Description = "No-op jobs to enqueue and drain", DefaultValueFactory = _ => 100_000 };
        var workers = new Option<int>("--workers") { Description = "Worker slots", DefaultValueFactory = _ => 32 };
        var claimBatch = new Option<int>("--claim-batch") { Description = "Jobs per claim statement (no-op jobs take microseconds, so the bench claims 1000 at a time by default)", DefaultValueFactory = _ => 1000 };
        var queue = new Command("queue", "Enqueue and drain no-op jobs; prints enqueue_per_s and work_per_s") { jobs, workers, claimBatch };
        queue.SetAction((parse, ct) => RunAsync(parse.GetValue(RefrainCli.Database), parse.GetValue(jobs), parse.GetValue(workers), parse.GetValue(claimBatch), parse.GetValue(RefrainCli.JsonOption), ct));
        bench.Subcommands.Add(queue);
        bench.Subcommands.Add(BenchSweepCommand.Create());
        bench.Subcommands.Add(BenchRematchCommand.Create());
        bench.Subcommands.Add(BenchListensCommand.Create());
        bench.Subcommands.Add(BenchSyncCommand.Create());
        bench.Subcommands.Add(BenchEnrichCommand.Create());
        bench.Subcommands.Add(BenchDashboardCommand.Create());
        return bench;
    }

    private static async Task<int> RunAsync(string? database, int jobCount, int slots, int claimBatch, bool json, CancellationToken ct)
    {
        if (jobCount < 1 || slots < 1)
        {
            await Console.Error.WriteLineAsync("error: --jobs and --workers must be at least 1");
            return ExitCodes.BadInput;
        }

        var temp = database is null ? Path.Combine(Path.GetTempPath(), $"refrain-bench-{Guid.NewGuid():N}.db") : null;
        var time = TimeProvider.System;
        await using var store = StoreFactory.Create(database ?? $"Data Source={temp}", time);
        try
        {
            await store.MigrateAsync(ct);
            var tag = Guid.NewGuid().ToString("N")[..8];
            var newJobs = Enumerable.Range(0, jobCount).Select(i => new NewJob(NoopHandler.Source, NoopHandler.JobType, $"bench:{tag}:{i}")).ToList();
            var enqueueStart = time.GetTimestamp();
            var inserted = await store.EnqueueManyAsync(newJobs, ct);
            var enqueueSeconds = time.GetElapsedTime(enqueueStart).TotalSeconds;

            var options = new WorkerOptions { Slots = new() { ["*"] = slots }, ClaimBatch = claimBatch, PollInterval = TimeSpan.FromMilliseconds(50) };
            var registry = new JobHandlerRegistry([new JobHandlerRegistration(NoopHandler.Source, NoopHandler.JobType, _ => new NoopHandler())]);
            var gate = new ProviderGate(store, new Dictionary<string, ProviderOptions>(), time);
            var worker = new Worker(store, registry, gate, new ServiceCollection().BuildServiceProvider(), options, time, new EngineMetrics(), NullLogger<Worker>.Instance);
            using var stop = new CancellationTokenSource();
            var running = worker.RunAsync(stop.Token);
            var lastReport = time.GetTimestamp();
            while (worker.Stats.Committed < inserted && !running.IsCompleted)
            {
                await Task.Delay(20, ct);
                if (time.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(2))
                {
                    lastReport = time.GetTimestamp();
                    await Console.Error.WriteLineAsync($"bench: {worker.Stats.Committed}/{inserted} completed");
                }
            }

            await stop.CancelAsync();
            await running;
            var workSeconds = time.GetElapsedTime(worker.Stats.FirstClaimTimestamp, worker.Stats.LastCommitTimestamp).TotalSeconds;
            var result = new
            {
                database = store.Dialect,
                jobs = inserted,
                workers = slots,
                claim_batch = options.ClaimBatchFor(slots),
                enqueue_per_s = Math.Round(inserted / enqueueSeconds),
                work_per_s = Math.Round(worker.Stats.Committed / workSeconds),
            };
            if (json)
            {
                Output.Json(Console.Out, result);
            }
            else
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.database}: {result.jobs} jobs, {result.workers} workers, claim batch {result.claim_batch}: enqueue {result.enqueue_per_s}/s, work {result.work_per_s}/s"));
            }

            return ExitCodes.Success;
        }
        finally
        {
            if (temp is not null)
            {
                await store.DisposeAsync();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in new[] { temp, temp + "-wal", temp + "-shm" })
                {
                    File.Delete(f);
                }
            }
        }
    }
}
