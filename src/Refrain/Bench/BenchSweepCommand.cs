using System.CommandLine;
using System.Diagnostics;
using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Rematch;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Cli;

/// <summary>
/// <c>refrain bench sweep</c>: seeds a catalog of N linked songs with 2% of links 90 s off, then times the duration sweep's
/// handler (the one set-based statement that finds and enqueues them). Prints numbers; asserts nothing.
/// </summary>
internal static class BenchSweepCommand
{
    public static Command Create()
    {
        var songs = new Option<int>("--songs") { Description = "Songs in the synthetic catalog", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("sweep", "Seed a catalog and time the duration-mismatch sweep") { songs };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(RefrainCli.Database), parse.GetValue(songs), parse.GetValue(RefrainCli.JsonOption), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? database, int songCount, bool json, CancellationToken ct)
    {
        if (songCount < 1)
        {
            await Console.Error.WriteLineAsync("error: --songs must be at least 1");
            return ExitCodes.BadInput;
        }

        var temp = database is null ? Path.Combine(Path.GetTempPath(), $"refrain-bench-{Guid.NewGuid():N}.db") : null;
        var time = TimeProvider.System;
        var store = StoreFactory.Create(database ?? $"Data Source={temp}", time);
        try
        {
            await store.MigrateAsync(ct);
            var catalogId = await store.EnsureCatalogAsync(1, $"bench-{Guid.NewGuid():N}", ct);
            await Console.Error.WriteLineAsync($"bench: seeding {songCount} songs");
            await store.SeedSyntheticCatalogAsync(catalogId, 1, songCount, 50, ct);
            var mismatched = await store.CountDurationMismatchesAsync(1, 60_000, ct);

            var args = new SweepArgs(60).ToJson();
            await store.StartRunAsync(new RunStart("spotify/sweep_duration_mismatches", 1, "manual", "bench"),
                new NewJob(DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, "bench") { Args = args, AccountId = 1, UniqueKey = "" }, ct);
            var job = (await store.ClaimAsync(new ClaimRequest("bench", 1, TimeSpan.FromMinutes(5), [DurationMismatchSweepHandler.Source], []), ct)).Single();
            var context = new JobContext(job, EmptyServiceProvider.Instance, store, new ProviderGate(store, new Dictionary<string, ProviderOptions>(), time), time);
            await Console.Error.WriteLineAsync("bench: sweeping");
            var start = time.GetTimestamp();
            var outcome = await new DurationMismatchSweepHandler().ExecuteAsync(context, ct);
            var seconds = time.GetElapsedTime(start).TotalSeconds;
            await store.CompleteAsync([Outcomes.ToCompletion(job, outcome, time.GetUtcNow())], ct);
            var enqueued = (await store.CountJobsAsync(ct)).Where(c => c.JobType == RematchJob.JobType).Sum(c => c.Count);
            using var self = Process.GetCurrentProcess();
            var result = new
            {
                database = store.Dialect, songs = songCount, mismatched, enqueued, seconds = Math.Round(seconds, 3),
                peak_memory_mb = Math.Round(self.PeakWorkingSet64 / 1024.0 / 1024.0, 1),
            };
            if (json)
            {
                Output.Json(Console.Out, result);
            }
            else
            {
                Console.Out.WriteLine($"{result.database}: {songCount} songs, {mismatched} mismatched, {enqueued} enqueued in {result.seconds} s; peak {result.peak_memory_mb} MB");
            }

            return ExitCodes.Success;
        }
        finally
        {
            await store.DisposeAsync();
            if (temp is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in new[] { temp, temp + "-wal", temp + "-shm" })
                {
                    File.Delete(f);
                }
            }
        }
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
