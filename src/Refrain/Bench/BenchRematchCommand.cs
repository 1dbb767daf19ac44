using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Catalog;
using Refrain.Jobs;
using Refrain.Matching;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Rematch;
using Refrain.Runs;
using Refrain.Sandbox;
using Refrain.Storage;

namespace Refrain.Cli;

/// <summary>
/// <c>refrain bench rematch</c>: a re-match run of N songs against the sandbox limited to R requests a minute, through the
/// same worker and handlers as <c>serve</c>. Reports calls, 429s, wall time and the least time the limit allows.
/// </summary>
internal static class BenchRematchCommand
{
    public static Command Create()
    {
        var songs = new Option<int>("--songs") { Description = "Songs in the run", DefaultValueFactory = _ => 500 };
        var perMinute = new Option<int>("--requests-per-minute") { Description = "The sandbox's Spotify limit (a rolling 30 s window)", DefaultValueFactory = _ => 180 };
        var command = new Command("rematch", "Time a re-match run against the rate-limited sandbox") { songs, perMinute };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(songs), parse.GetValue(perMinute), parse.GetValue(RefrainCli.JsonOption), ct));
        return command;
    }

    private static async Task<int> RunAsync(int songCount, int perMinute, bool json, CancellationToken ct)
    {
        if (songCount < 1 || perMinute < 2)
        {
            await Console.Error.WriteLineAsync("error: --songs must be at least 1 and --requests-per-minute at least 2");
            return ExitCodes.BadInput;
        }

        var time = TimeProvider.System;
        var perWindow = perMinute / 2;
        var sandboxOptions = new SandboxOptions { Songs = songCount };
        sandboxOptions.Spotify.RequestsPerWindow = perWindow;
        await using var sandbox = await SandboxServer.StartAsync(sandboxOptions, ct);
        var path = Path.Combine(Path.GetTempPath(), $"refrain-bench-{Guid.NewGuid():N}.db");
        var store = StoreFactory.Create($"Data Source={path}", time);
        try
        {
            await store.MigrateAsync(ct);
            await new CatalogImporter(store).ImportAsync(new StringReader(sandbox.Catalog.ToImportCsv()), false, 1, "bench", true, ct);
            await store.CancelAsync(new JobFilter(), ct);
            await store.MakeEveryLinkMismatchedAsync(ct);
            var limits = new Dictionary<string, ProviderOptions> { [SpotifyClient.Provider] = new() { RequestsPerWindow = perWindow } };
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var spotify = new SpotifyClient(http, new SpotifyOptions
            {
                ApiBaseUrl = sandbox.BaseUrl, AccountsBaseUrl = sandbox.BaseUrl, ClientId = sandboxOptions.ClientId, ClientSecret = sandboxOptions.ClientSecret,
            }, time, NullLogger<SpotifyClient>.Instance);
            var registry = new JobHandlerRegistry(
            [
                new JobHandlerRegistration(DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, _ => new DurationMismatchSweepHandler()),
                new JobHandlerRegistration(RematchJob.Source, RematchJob.JobType, _ => new RematchHandler(spotify, new SpotifyMatcher())) { Provider = SpotifyClient.Provider },
            ]);
            var worker = new Worker(store, registry, new ProviderGate(store, limits, time), new ServiceCollection().BuildServiceProvider(),
                new WorkerOptions { Slots = new() { [SpotifyClient.Provider] = 8 }, PollInterval = TimeSpan.FromMilliseconds(100) },
                time, new EngineMetrics(), NullLogger<Worker>.Instance, new RunSummaries([new RematchRunSummarizer()], NullLogger<RunSummaries>.Instance));
            var fired = await store.StartRunAsync(new RunStart("spotify/sweep_duration_mismatches", null, "manual", "bench"),
                new NewJob(DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, "bench") { Args = new SweepArgs(60).ToJson(), UniqueKey = "" }, ct);
            var before = sandbox.RequestCounts.Where(c => c.Key != Sandbox.SandboxEndpoints.Token).Sum(c => c.Value);
            using var stop = new CancellationTokenSource();
            var start = time.GetTimestamp();
            var running = worker.RunAsync(stop.Token);
            RunRecord run;
            var lastReport = time.GetTimestamp();
            while ((run = (await store.GetRunAsync(fired.RunId!.Value, ct))!).State == RunState.Running)
            {
                await Task.Delay(200, ct);
                if (time.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(10))
                {
                    lastReport = time.GetTimestamp();
                    await Console.Error.WriteLineAsync($"bench: {run.Total - run.Pending}/{run.Total} jobs done, {time.GetElapsedTime(start).TotalSeconds:0} s");
                }
            }

            var wall = time.GetElapsedTime(start).TotalSeconds;
            await stop.CancelAsync();
            await running;
            var calls = sandbox.RequestCounts.Where(c => c.Key != Sandbox.SandboxEndpoints.Token).Sum(c => c.Value) - before;
            var minimum = Math.Max(0, (calls - perWindow) * 30.0 / perWindow);
            var result = new
            {
                songs = run.Total - 1, requests_per_minute = perMinute, calls, too_many_requests = sandbox.TooManyRequestsServed,
                wall_seconds = Math.Round(wall, 1), minimum_seconds = Math.Round(minimum, 1), busy = Math.Round(minimum / wall, 3),
                run_state = run.State, summary = run.Summary,
            };
            if (json)
            {
                Output.Json(Console.Out, result);
            }
            else
            {
                Console.Out.WriteLine($"{result.songs} songs, {calls} calls, {result.too_many_requests} 429s, {result.wall_seconds} s (limit allows {result.minimum_seconds} s): {result.busy:P0} busy");
            }

            return ExitCodes.Success;
        }
        finally
        {
            await store.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
