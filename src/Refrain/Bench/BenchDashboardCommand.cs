using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Refrain.Accounts;
using Refrain.Bench.Dashboard;
using Refrain.Hosting;
using Refrain.Storage;

namespace Refrain.Cli;

/// <summary>
/// <c>refrain bench dashboard</c>: seeds a dashboard-sized database (set-based), starts the node in this process on
/// 127.0.0.1, logs in with a fresh admin key and times every dashboard page over loopback HTTP: p50, p95 and max per page
/// after warm-ups. Prints numbers; asserts nothing.
/// </summary>
internal static class BenchDashboardCommand
{
    private const int WarmUps = 5;

    public static Command Create()
    {
        var jobs = new Option<int>("--jobs") { Description = "Jobs to seed", DefaultValueFactory = _ => 1_000_000 };
        var songs = new Option<int>("--songs") { Description = "Catalog songs to seed, each linked", DefaultValueFactory = _ => 100_000 };
        var requests = new Option<int>("--requests") { Description = $"Timed requests per page, after {WarmUps} warm-ups", DefaultValueFactory = _ => 50 };
        var command = new Command("dashboard", "Seed jobs, runs, a catalog, listeners and measurements; time every dashboard page (p50/p95/max ms)")
        {
            jobs, songs, requests,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(RefrainCli.Database), parse.GetValue(jobs), parse.GetValue(songs),
            parse.GetValue(requests), parse.GetValue(RefrainCli.JsonOption), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? database, int jobCount, int songCount, int requestCount, bool json, CancellationToken ct)
    {
        if (jobCount < 10 || songCount < 100 || requestCount < 1)
        {
            await Console.Error.WriteLineAsync("error: --jobs must be at least 10, --songs at least 100, --requests at least 1");
            return ExitCodes.BadInput;
        }

        var folder = database is null ? Directory.CreateTempSubdirectory("refrain-bench-dashboard-").FullName : null;
        var connection = database ?? $"Data Source={Path.Combine(folder!, "bench.db")}";
        var time = TimeProvider.System;
        try
        {
            RefrainStore.BenchSeedCounts seeded;
            double seedSeconds;
            string key;
            await using (var store = StoreFactory.Create(connection, time))
            {
                await store.MigrateAsync(ct);
                var tag = Guid.NewGuid().ToString("N")[..8];
                var accounts = new List<long> { 1 };
                foreach (var name in new[] { $"bench-{tag}-a", $"bench-{tag}-b" })
                {
                    accounts.Add((await store.CreateAccountAsync(name, ct))!.Id);
                }

                await Console.Error.WriteLineAsync($"bench: seeding {jobCount} jobs and {songCount} songs");
                var started = time.GetTimestamp();
                seeded = await store.SeedDashboardBenchAsync(new RefrainStore.BenchSeedPlan(jobCount, songCount, accounts) { Plays = songCount * 2 }, ct);
                seedSeconds = time.GetElapsedTime(started).TotalSeconds;
                var secret = ApiKeys.NewSecret();
                key = ApiKeys.Format(await store.CreateApiKeyAsync(1, $"bench-{tag}", admin: true, ApiKeys.Hash(secret), ct), secret);
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"bench: seeded in {seedSeconds:F1} s"));
            }

            var pages = await TimePagesAsync(connection, key, seeded, requestCount, ct);
            if (pages is null)
            {
                await Console.Error.WriteLineAsync("error: the dashboard refused the bench's admin key");
                return ExitCodes.Errors;
            }

            Print(json, connection, seeded, seedSeconds, requestCount, pages);
            return ExitCodes.Success;
        }
        finally
        {
            if (folder is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Starts the node without its engine (nothing moves while pages are timed) and times each page in turn.</summary>
    private static async Task<List<PageTiming>?> TimePagesAsync(string connection, string key, RefrainStore.BenchSeedCounts seeded, int requestCount,
        CancellationToken ct)
    {
        await using var app = RefrainApp.Build("http://127.0.0.1:0", connection, runEngine: false, configure: builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Security:TokenKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Api:RequestsPerMinute"] = "0",
            });
            // Warnings to stderr: stdout is the result (JSON with --json).
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        await app.StartAsync(ct);
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var client = new DashboardClient(address);
            if (!await client.LoginAsync(key, ct))
            {
                return null;
            }

            var ids = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["job"] = seeded.SampleJobId, ["run"] = seeded.SampleRunId, ["song"] = seeded.SampleReviewSongId,
                ["listener"] = seeded.SampleListenerId, ["schedule"] = seeded.SampleScheduleId, ["account"] = 1,
            };
            var timings = new List<PageTiming>();
            foreach (var page in DashboardPage.All)
            {
                var timing = await TimePageAsync(client, page, page.Resolve(ids), requestCount, ct);
                await Console.Error.WriteLineAsync(timing.Skipped is null
                    ? string.Create(CultureInfo.InvariantCulture, $"bench: {timing.Name}: p95 {timing.P95Ms} ms")
                    : $"bench: {timing.Name}: skipped ({timing.Skipped})");
                timings.Add(timing);
            }

            return timings;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<PageTiming> TimePageAsync(DashboardClient client, DashboardPage page, string path, int requestCount, CancellationToken ct)
    {
        if (page.FollowNext)
        {
            var (status, html) = await client.GetAsync(path, ct);
            if (status != 200)
            {
                return PageTiming.Skip(page.Name, path, status, $"answered {status}");
            }

            if (DashboardClient.NextLink(html) is not { } next)
            {
                return PageTiming.Skip(page.Name, path, status, "no Next link");
            }

            path = next;
        }

        var samples = new List<double>(requestCount);
        for (var i = 0; i < WarmUps + requestCount; i++)
        {
            var (status, ms) = await client.TimeAsync(path, ct);
            if (status != 200)
            {
                return PageTiming.Skip(page.Name, path, status, status == 404 ? "not built yet (404)" : $"answered {status}");
            }

            if (i >= WarmUps)
            {
                samples.Add(ms);
            }
        }

        return PageTiming.From(page.Name, path, samples);
    }

    private static void Print(bool json, string connection, RefrainStore.BenchSeedCounts seeded, double seedSeconds, int requestCount, List<PageTiming> pages)
    {
        var database = connection.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? "postgres" : "sqlite";
        if (json)
        {
            Output.Json(Console.Out, new
            {
                database, seeded, seed_seconds = Math.Round(seedSeconds, 1), requests_per_page = requestCount, warm_ups = WarmUps,
                pages = pages.Select(p => new { p.Name, p.Path, p.Status, p.Requests, p50_ms = p.P50Ms, p95_ms = p.P95Ms, max_ms = p.MaxMs, p.Skipped }),
            });
            return;
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{database}: {seeded.Jobs} jobs, {seeded.Runs} runs, {seeded.Songs} songs ({seeded.Reviews} in review), {seeded.Listeners} listeners, " +
            $"{seeded.Plays} plays, {seeded.Measurements} measurements; seeded in {seedSeconds:F1} s; {requestCount} requests per page after {WarmUps} warm-ups"));
        Output.Table(Console.Out, ["PAGE", "PATH", "P50_MS", "P95_MS", "MAX_MS", "NOTE"], pages.Select(p => new[]
        {
            p.Name, p.Path, Number(p, p.P50Ms), Number(p, p.P95Ms), Number(p, p.MaxMs), p.Skipped ?? (p.P95Ms > 200 ? "over 200 ms" : ""),
        }));
    }

    private static string Number(PageTiming p, double ms) => p.Skipped is null ? ms.ToString("F1", CultureInfo.InvariantCulture) : "";
}
