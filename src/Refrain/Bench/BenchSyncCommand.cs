using System.CommandLine;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Listening.Sync;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Runs;
using Refrain.Sandbox;
using Refrain.Storage;

namespace Refrain.Cli;

/// <summary>
/// <c>refrain bench sync</c>: N listeners connected to sandbox users, then one sync sweep run through the same worker,
/// handlers and provider gate as <c>serve</c>, against a sandbox whose Spotify limit equals Refrain's. Reports wall time
/// against the least time the limit allows, 429s and failures. Prints numbers; asserts nothing.
/// </summary>
internal static class BenchSyncCommand
{
    public static Command Create()
    {
        var listeners = new Option<int>("--listeners") { Description = "Connected listeners to sync", DefaultValueFactory = _ => 1000 };
        var perMinute = new Option<int>("--requests-per-minute") { Description = "Spotify limit of both Refrain and the sandbox (a rolling 30 s window)", DefaultValueFactory = _ => 180 };
        var command = new Command("sync", "Time one recently-played sync of every listener against the rate-limited sandbox") { listeners, perMinute };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(RefrainCli.Database), parse.GetValue(listeners), parse.GetValue(perMinute), parse.GetValue(RefrainCli.JsonOption), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? database, int listenerCount, int perMinute, bool json, CancellationToken ct)
    {
        if (listenerCount < 1 || perMinute < 2)
        {
            await Console.Error.WriteLineAsync("error: --listeners must be at least 1 and --requests-per-minute at least 2");
            return ExitCodes.BadInput;
        }

        var time = TimeProvider.System;
        var perWindow = perMinute / 2;
        var sandboxOptions = new SandboxOptions { Users = listenerCount };
        sandboxOptions.Spotify.RequestsPerWindow = perWindow;
        await using var sandbox = await SandboxServer.StartAsync(sandboxOptions, ct);
        var path = database is null ? Path.Combine(Path.GetTempPath(), $"refrain-bench-{Guid.NewGuid():N}.db") : null;
        var store = StoreFactory.Create(database ?? $"Data Source={path}", time);
        try
        {
            await store.MigrateAsync(ct);
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
            var tokens = new BenchSyncTokens(sandbox, http);
            await Console.Error.WriteLineAsync($"bench: connecting {listenerCount} listeners to sandbox users");
            var account = await store.CreateAccountAsync($"bench-{Guid.NewGuid():N}"[..14], ct) ?? throw new InvalidOperationException("could not create the bench account");
            var ids = new long[listenerCount];
            for (var i = 0; i < listenerCount; i++)
            {
                ids[i] = await store.CreateListenerAsync(account.Id, $"Bench listener {i + 1}", ct);
            }

            await Parallel.ForAsync(0, listenerCount, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                async (i, token) => await tokens.ConnectAsync(ids[i], i + 1, token));
            // The bench keeps the real tokens in memory; the rows only need to look connected to the sweep.
            await store.WriteAsync((c, tx) => c.ExecuteAsync(
                "UPDATE listeners SET access_token = @blob, refresh_token = @blob, status = 'active' WHERE account_id = @account",
                new { account = account.Id, blob = new byte[] { 1 } }, tx), ct);

            var limits = new Dictionary<string, ProviderOptions> { [SpotifyClient.Provider] = new() { RequestsPerWindow = perWindow } };
            var recentlyPlayed = new SpotifyRecentlyPlayed(http, new SpotifyOptions
            {
                ApiBaseUrl = sandbox.BaseUrl, AccountsBaseUrl = sandbox.BaseUrl, ClientId = sandboxOptions.ClientId, ClientSecret = sandboxOptions.ClientSecret,
            }, tokens, NullLogger<SpotifyRecentlyPlayed>.Instance);
            var registry = new JobHandlerRegistry(
            [
                new JobHandlerRegistration(SyncSweepHandler.Source, SyncSweepHandler.JobType, _ => new SyncSweepHandler()),
                new JobHandlerRegistration(SyncRecentlyPlayedHandler.Source, SyncRecentlyPlayedHandler.JobType, _ => new SyncRecentlyPlayedHandler(recentlyPlayed))
                {
                    Provider = SpotifyClient.Provider,
                },
            ]);
            var worker = new Worker(store, registry, new ProviderGate(store, limits, time), new ServiceCollection().BuildServiceProvider(),
                new WorkerOptions { Slots = new() { [SpotifyClient.Provider] = 8 }, PollInterval = TimeSpan.FromMilliseconds(100) },
                time, new EngineMetrics(), NullLogger<Worker>.Instance, new RunSummaries([new SyncRunSummarizer(time)], NullLogger<RunSummaries>.Instance));
            var fired = await store.StartRunAsync(new RunStart(SyncSweepHandler.Kind, account.Id, "manual", "bench"),
                new NewJob(SyncSweepHandler.Source, SyncSweepHandler.JobType) { AccountId = account.Id, UniqueKey = "" }, ct);
            var before = sandbox.RequestCount(SandboxEndpoints.RecentlyPlayed);
            var tooManyBefore = sandbox.TooManyRequestsServed;
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
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"bench: {run.Total - run.Pending}/{run.Total} jobs done, {time.GetElapsedTime(start).TotalSeconds:0} s"));
                }
            }

            var wall = time.GetElapsedTime(start).TotalSeconds;
            await stop.CancelAsync();
            await running;
            var calls = sandbox.RequestCount(SandboxEndpoints.RecentlyPlayed) - before;
            // The limit's own figure is calls / rate; a rolling window lets the first window's requests go at once, so the
            // earliest the last request can go is one window per further full window of requests.
            var limitSeconds = calls * 60.0 / perMinute;
            var minimum = calls == 0 ? 0 : (calls - 1) / perWindow * 30.0;
            var result = new
            {
                database = store.Dialect, listeners = listenerCount, requests_per_minute = perMinute, calls,
                too_many_requests = sandbox.TooManyRequestsServed - tooManyBefore, failures = run.Failed + run.Dead,
                wall_seconds = Math.Round(wall, 1), limit_seconds = Math.Round(limitSeconds, 1), minimum_seconds = Math.Round(minimum, 1), busy = Math.Round(wall > 0 ? minimum / wall : 0, 3),
                run_state = run.State, summary = run.Summary,
            };
            if (json)
            {
                Output.Json(Console.Out, result);
            }
            else
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.database}: {listenerCount} listeners, {calls} calls at {perMinute}/min, {result.too_many_requests} 429s, {result.failures} failures, {result.wall_seconds} s (calls at the limit's rate {result.limit_seconds} s, earliest the rolling window allows {result.minimum_seconds} s): {result.busy:P0} busy"));
            }

            return ExitCodes.Success;
        }
        finally
        {
            await store.DisposeAsync();
            if (path is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(f);
                }
            }
        }
    }
}
