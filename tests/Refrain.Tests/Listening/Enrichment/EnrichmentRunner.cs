using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Refrain.Jobs;
using Refrain.Listening.Enrichment;
using Refrain.Matching;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Runs;
using Refrain.Sandbox;
using Refrain.Storage;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Listening.Enrichment;

/// <summary>
/// A worker running the enrichment handlers against a sandbox over real HTTP, on the test's fake clock: the clock moves
/// only when nothing is running or due, so snoozes, pauses and re-check dates elapse without sleeping.
/// </summary>
internal sealed class EnrichmentRunner(RefrainStore store, FakeTimeProvider time, SandboxServer sandbox, bool batch = false)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs the worker until <paramref name="done"/> holds, moving the clock <paramref name="step"/> between turns.</summary>
    public async Task RunUntilAsync(Func<Task<bool>> done, TimeSpan? step = null, int maxSteps = 500)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var spotify = new SpotifyClient(http, new SpotifyOptions
        {
            ApiBaseUrl = sandbox.BaseUrl, AccountsBaseUrl = sandbox.BaseUrl, ClientId = sandbox.Options.ClientId, ClientSecret = sandbox.Options.ClientSecret,
            BatchTrackLookup = batch,
        }, time, NullLogger<SpotifyClient>.Instance);
        var registry = new JobHandlerRegistry(
        [
            new JobHandlerRegistration(EnrichmentJobs.Source, EnrichmentJobs.Listener, _ => new EnrichListenerHandler()),
            new JobHandlerRegistration(EnrichmentJobs.Source, EnrichmentJobs.Sweep, _ => new EnrichmentSweepHandler()),
            new JobHandlerRegistration(EnrichmentJobs.Source, EnrichmentJobs.Tracks, _ => new EnrichTracksHandler(spotify, new SpotifyMatcher()))
            {
                Provider = SpotifyClient.Provider,
            },
        ]);
        var summaries = new RunSummaries(
            [new EnrichmentRunSummarizer($"{EnrichmentJobs.Source}/{EnrichmentJobs.Listener}"), new EnrichmentRunSummarizer($"{EnrichmentJobs.Source}/{EnrichmentJobs.Sweep}")],
            NullLogger<RunSummaries>.Instance);
        var worker = new Worker(store, registry, new ProviderGate(store, new Dictionary<string, ProviderOptions>(), time), EmptyServices.Instance,
            new WorkerOptions { Slots = new() { ["*"] = 4 }, ClaimBatch = 4, Lease = TimeSpan.FromDays(30), PollInterval = PollInterval }, time, new EngineMetrics(),
            NullLogger<Worker>.Instance, summaries);
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        try
        {
            for (var i = 0; i < maxSteps; i++)
            {
                await Eventually.WaitAsync(() => SettledAsync(worker), "no enrichment job running and none due", TimeSpan.FromSeconds(60));
                if (await done())
                {
                    return;
                }

                time.Advance(step ?? TimeSpan.FromSeconds(20));
            }

            var jobs = await store.ListJobsAsync(new JobFilter { Limit = 100 }, CancellationToken.None);
            Assert.Fail("enrichment did not finish: " + string.Join("; ", jobs.Select(j => $"{j.Id} {j.JobType} {j.State} run {j.RunId} {j.Detail} {j.LastError}")));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    /// <summary>Runs until the run has ended and been summarised; returns it.</summary>
    public async Task<RunRecord> RunAsync(long runId)
    {
        await RunUntilAsync(async () => (await store.GetRunAsync(runId, CancellationToken.None)) is { Summary: not null } run && run.State != RunState.Running);
        return (await store.GetRunAsync(runId, CancellationToken.None))!;
    }

    private async Task<bool> SettledAsync(Worker worker)
    {
        if (worker.InHand > 0 || (await store.CountJobsAsync(CancellationToken.None)).Any(c => c.State == JobState.Running && c.Count > 0))
        {
            return false;
        }

        var now = time.GetUtcNow();
        if ((await store.GetProviderPauseAsync(SpotifyClient.Provider, CancellationToken.None))?.IsPausedAt(now) == true)
        {
            var unpaused = await store.ReadAsync(c => c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM jobs WHERE state = 'pending' AND run_at <= @now AND provider IS NULL", new { now = now.ToUnixTimeMilliseconds() }), CancellationToken.None);
            if (unpaused > 0)
            {
                time.Advance(PollInterval);
            }

            return unpaused == 0;
        }

        var due = await store.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM jobs WHERE state = 'pending' AND run_at <= @now", new { now = now.ToUnixTimeMilliseconds() }), CancellationToken.None);
        if (due > 0)
        {
            time.Advance(PollInterval);
        }

        return due == 0;
    }
}
