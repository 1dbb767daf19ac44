using Dapper;
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
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Rematch;

/// <summary>
/// Whole re-match runs through the worker against the sandbox over real HTTP, on a fake clock shared by the store, the
/// worker and the sandbox: the clock is moved forward whenever nothing is running, so backoffs and pauses elapse.
/// </summary>
public sealed class RematchRunTests : StoreTestBase
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);

    [Fact]
    public async Task FaultyRun_EndsWithEveryJobTerminalAndNoAttemptSpentOnTooManyRequests()
    {
        var options = new SandboxOptions { Time = Time, Songs = 500 };
        options.Spotify.RequestsPerWindow = 0;
        options.Spotify.ServerErrorRate = 0.10;
        options.Spotify.TimeoutRate = 0.05;
        options.Spotify.Hang = TimeSpan.FromSeconds(3);
        options.Spotify.StormUntil = Time.GetUtcNow().AddMinutes(2);
        await using var sandbox = await SandboxServer.StartAsync(options, CancellationToken.None);
        var runId = await PrepareRunAsync(sandbox);
        var eligible = await Store.CountDurationMismatchesAsync(null, 60_000, CancellationToken.None);

        await DrainAsync(sandbox, runId, TimeSpan.FromSeconds(1));

        var jobs = await Store.ListJobsAsync(new JobFilter { RunId = runId, JobType = RematchJob.JobType, Limit = 10_000 }, CancellationToken.None);
        Assert.True(eligible >= 300, $"only {eligible} songs were eligible");
        Assert.Equal(eligible, jobs.Count);
        Assert.All(jobs, j => Assert.True(j.State is JobState.Succeeded or JobState.Dead, $"job {j.Id} is {j.State}"));
        Assert.All(jobs.Where(j => j.State == JobState.Dead), j => Assert.False(string.IsNullOrEmpty(j.LastError)));
        // The storm's first 429s paused the provider; the paused provider then sent nothing until the pause ended.
        Assert.True(sandbox.TooManyRequestsServed > 0, "the storm served no 429");
        Assert.True(sandbox.TooManyRequestsServed <= 16, $"{sandbox.TooManyRequestsServed} 429s: requests went on during the pause");
        Assert.Equal(PauseReason.Rate, (await Store.GetProviderPauseAsync(SpotifyClient.Provider, CancellationToken.None))!.Reason);

        // Every spent attempt but the last of a job was ended by a fault the sandbox injected (5xx, hang, malformed);
        // had a 429 or a pause spent attempts, the attempts would outnumber the faults.
        var faults = sandbox.FaultsServed;
        var retries = jobs.Sum(j => j.Attempts - (j.State == JobState.Succeeded ? 1 : 0));
        var errors = string.Join("; ", jobs.Where(j => j.LastError is not null).GroupBy(j => j.LastError![..Math.Min(40, j.LastError!.Length)]).Select(g => $"{g.Key} x{g.Count()}"));
        Assert.True(retries <= faults, $"{retries} retried attempts but only {faults} injected faults; last errors: {errors}");
        var run = (await Store.GetRunAsync(runId, CancellationToken.None))!;
        Assert.NotEqual(RunState.Running, run.State);
        Assert.Contains("relinked", run.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanRun_SortsEverySongIntoExactlyOneCaseAndNeverRemovesALink()
    {
        var options = new SandboxOptions { Time = Time, Songs = 200 };
        options.Spotify.RequestsPerWindow = 0;
        await using var sandbox = await SandboxServer.StartAsync(options, CancellationToken.None);
        var runId = await PrepareRunAsync(sandbox);
        var linkedBefore = await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM links WHERE spotify_track_id IS NOT NULL"), CancellationToken.None);

        await DrainAsync(sandbox, runId, TimeSpan.FromSeconds(1));

        var jobs = await Store.ListJobsAsync(new JobFilter { RunId = runId, JobType = RematchJob.JobType, Limit = 10_000 }, CancellationToken.None);
        Assert.All(jobs, j => Assert.Equal(JobState.Succeeded, j.State));
        Assert.All(jobs, j => Assert.Contains(j.Detail, RematchCase.All));
        Assert.Contains(jobs, j => j.Detail == RematchCase.Relinked);
        Assert.Equal(linkedBefore, await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM links WHERE spotify_track_id IS NOT NULL"), CancellationToken.None));
        var review = await Store.ListReviewsAsync(null, 10_000, CancellationToken.None);
        Assert.Equal(jobs.Count(j => j.Detail is not RematchCase.Relinked), review.Count);
        var run = (await Store.GetRunAsync(runId, CancellationToken.None))!;
        Assert.Equal(RunState.Succeeded, run.State);
        var relinked = jobs.Count(j => j.Detail == RematchCase.Relinked);
        Assert.Contains($"\"relinked\":{relinked}", run.Summary, StringComparison.Ordinal);
    }

    /// <summary>Imports the sandbox catalog, makes every linked song a mismatch, and runs the sweep; returns the run.</summary>
    private async Task<long> PrepareRunAsync(SandboxServer sandbox)
    {
        var import = await new CatalogImporter(Store).ImportAsync(new StringReader(sandbox.Catalog.ToImportCsv()), false, 1, "sandbox", true, CancellationToken.None);
        Assert.True(import.Imported);
        await Store.CancelAsync(new JobFilter(), CancellationToken.None);
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE songs SET duration_ms = COALESCE(duration_ms, 200000);
            UPDATE links SET track_duration_ms = (SELECT s.duration_ms FROM songs s WHERE s.id = links.song_id) + 90000 WHERE spotify_track_id IS NOT NULL;
            """, transaction: tx), CancellationToken.None);
        var fired = await Store.StartRunAsync(new RunStart("spotify/sweep_duration_mismatches", null, "manual", "test"),
            new NewJob(DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, "t") { Args = new SweepArgs(60).ToJson(), UniqueKey = "" },
            CancellationToken.None);
        return fired.RunId!.Value;
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private async Task<bool> SettledAsync(Worker worker)
    {
        if (worker.InHand > 0 || (await Store.CountJobsAsync(CancellationToken.None)).Any(c => c.State == JobState.Running && c.Count > 0))
        {
            return false;
        }

        var now = Time.GetUtcNow();
        if ((await Store.GetProviderPauseAsync(SpotifyClient.Provider, CancellationToken.None))?.IsPausedAt(now) == true)
        {
            return true;
        }

        var due = await Store.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM jobs WHERE state = 'pending' AND run_at <= @now", new { now = now.ToUnixTimeMilliseconds() }), CancellationToken.None);
        if (due > 0)
        {
            // The worker's idle poll waits on this clock: one poll interval wakes it to claim what is due.
            Time.Advance(PollInterval);
        }

        return due == 0;
    }

    /// <summary>Runs a worker until the run ends, moving the clock on whenever no job is running and none is due.</summary>
    private async Task DrainAsync(SandboxServer sandbox, long runId, TimeSpan httpTimeout)
    {
        using var http = new HttpClient { Timeout = httpTimeout };
        var spotify = new SpotifyClient(http, new SpotifyOptions
        {
            ApiBaseUrl = sandbox.BaseUrl, AccountsBaseUrl = sandbox.BaseUrl, ClientId = sandbox.Options.ClientId, ClientSecret = sandbox.Options.ClientSecret,
        }, Time, NullLogger<SpotifyClient>.Instance);
        var matcher = new SpotifyMatcher();
        var registry = new JobHandlerRegistry(
        [
            new JobHandlerRegistration(DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, _ => new DurationMismatchSweepHandler()),
            new JobHandlerRegistration(RematchJob.Source, RematchJob.JobType, _ => new RematchHandler(spotify, matcher)) { Provider = SpotifyClient.Provider },
        ]);
        var summaries = new RunSummaries([new RematchRunSummarizer()], NullLogger<RunSummaries>.Instance);
        var worker = new Worker(Store, registry, new ProviderGate(Store, new Dictionary<string, ProviderOptions>(), Time), EmptyServices.Instance,
            // The clock jumps 20 s at a time between turns: a long lease keeps those jumps from reclaiming held jobs.
            new WorkerOptions { Slots = new() { ["*"] = 8 }, ClaimBatch = 8, Lease = TimeSpan.FromHours(1), PollInterval = PollInterval }, Time, new EngineMetrics(),
            NullLogger<Worker>.Instance, summaries);
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        try
        {
            for (var step = 0; step < 3000; step++)
            {
                var run = (await Store.GetRunAsync(runId, CancellationToken.None))!;
                if (run.State != RunState.Running && run.Summary is not null)
                {
                    return;
                }

                // Let due work settle (bounded): nothing running or in hand, and nothing due left unclaimed unless the provider
                // is paused. Only then let the clock pass a backoff or pause step; moving it sooner races the worker's claims.
                await Eventually.WaitAsync(() => SettledAsync(worker), "no job running and none due", TimeSpan.FromSeconds(60));
                Time.Advance(TimeSpan.FromSeconds(20));
                await Eventually.WaitAsync(() => Task.FromResult(true), "a turn");
            }

            Assert.Fail($"run {runId} did not end");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }
}
