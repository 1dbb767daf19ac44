using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Catalog;
using Refrain.Jobs;
using Refrain.Listening;
using Refrain.Notifications;
using Refrain.Rematch;
using Refrain.Runs;
using Refrain.Scheduling;

namespace Refrain.Tests.Browser;

/// <summary>What the dashboard pages show, put in through the store the way the API tests seed it.</summary>
public abstract partial class BrowserTestBase
{
    /// <summary>Enqueues these jobs for alpha and lets each one die on its only attempt; returns their ids in order.</summary>
    /// <remarks>Claims every due job, so call it before enqueueing jobs meant to stay pending.</remarks>
    protected async Task<long[]> SeedDeadJobsAsync(params (string Source, string JobType, string Subject)[] jobs)
    {
        var ids = new List<long>();
        foreach (var (source, jobType, subject) in jobs)
        {
            ids.Add((await Store.EnqueueAsync(new NewJob(source, jobType, subject) { AccountId = AlphaId, MaxAttempts = 1, UniqueKey = "" }, CancellationToken.None)).JobId);
        }

        var claimed = await Store.ClaimAsync(new ClaimRequest("browser-test", ids.Count, TimeSpan.FromMinutes(1), null, []), CancellationToken.None);
        Assert.Equal(ids.Order(), claimed.Select(j => j.Id).Order());
        var now = Time.GetUtcNow();
        await Store.CompleteAsync(claimed.Select(j => Outcomes.ToCompletion(j, new JobOutcome.Retry("HTTP 500 from the provider"), now)).ToList(), CancellationToken.None);
        return [.. ids];
    }

    /// <summary>Enqueues a pending job for alpha; returns its id.</summary>
    protected async Task<long> SeedPendingJobAsync(string source, string jobType, string subject) =>
        (await Store.EnqueueAsync(new NewJob(source, jobType, subject) { AccountId = AlphaId, UniqueKey = "" }, CancellationToken.None)).JobId;

    /// <summary>
    /// <paramref name="count"/> songs of alpha (200 s canonical) linked to a 290 s track and put in review by the matcher,
    /// each with one candidate: a track the Spotify sandbox has, so accepting it succeeds. Returns the song ids.
    /// </summary>
    protected async Task<long[]> SeedReviewItemsAsync(int count)
    {
        var lines = Enumerable.Range(0, count).Select(i => $"Review song {i},Review Artist,,,200000,{LinkedTrack(i)}");
        var result = await new CatalogImporter(Store).ImportAsync(new StringReader(string.Join('\n', ["title,artists,album,isrc,duration_ms,spotify_track_id", .. lines])),
            false, AlphaId, "main", false, CancellationToken.None);
        var ids = (await Store.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM songs WHERE catalog_id = @CatalogId ORDER BY id", new { result.CatalogId }), CancellationToken.None)).ToArray();
        for (var i = 0; i < count; i++)
        {
            var candidate = Chromium.Sandbox.Catalog.Tracks[i];
            await Store.SetTrackDurationAsync(ids[i], LinkedTrack(i), 290_000, CancellationToken.None);
            Assert.True(await Store.ApplyLinkChangeAsync(new LinkChange(ids[i], LinkedTrack(i), 290_000, "review", RematchCase.Ambiguous, "matcher")
            {
                Score = 0.71,
                Breakdown = """{"title": 0.93, "artists": 1.0, "duration": 0.2}""",
                Candidates = JsonSerializer.Serialize(new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["id"] = candidate.Id, ["name"] = candidate.Name, ["artists"] = candidate.Artists.Select(a => a.Name), ["album"] = candidate.Album.Name,
                        ["isrc"] = candidate.Isrc, ["duration_ms"] = candidate.DurationMs, ["score"] = 0.71,
                        ["breakdown"] = new Dictionary<string, double> { ["title"] = 0.93, ["artists"] = 1.0, ["duration"] = 0.2, ["total"] = 0.71 },
                    },
                }),
                MatcherVersion = "test",
            }, CancellationToken.None));
        }

        return ids;
    }

    /// <summary>The track a review song is linked to before any decision: an id no sandbox catalog holds.</summary>
    protected static string LinkedTrack(int i) => (9_000 + i).ToString("D22", CultureInfo.InvariantCulture);

    /// <summary>A nightly schedule of alpha that runs the no-op job.</summary>
    protected Task<ScheduleRecord> SeedScheduleAsync(string name) =>
        Services.GetRequiredService<ScheduleService>().UpsertAsync(
            new ScheduleDefinition(name, "0 3 * * *", "system/noop") { AccountId = AlphaId }, CancellationToken.None);

    /// <summary>A manual run of alpha with three children: one succeeded, one dead, one still pending. Returns its id.</summary>
    protected async Task<long> SeedRunAsync()
    {
        var fired = await Store.StartRunAsync(new RunStart("spotify/sweep_duration_mismatches", AlphaId, "manual", "browser-test"),
            new NewJob("system", "noop", "run-root") { AccountId = AlphaId, UniqueKey = "" }, CancellationToken.None);
        var runId = fired.RunId!.Value;
        await Store.EnqueueChildrenAsync(runId,
            [.. Enumerable.Range(0, 2).Select(i => new NewJob("test", "child", $"child {i}") { AccountId = AlphaId, MaxAttempts = 1 })], CancellationToken.None);
        var claimed = await Store.ClaimAsync(new ClaimRequest("browser-test", 10, TimeSpan.FromMinutes(1), ["test", "system"], []), CancellationToken.None);
        var now = Time.GetUtcNow();
        await Store.CompleteAsync(claimed.Select(j => Outcomes.ToCompletion(j, j.Subject == "child 1" ? new JobOutcome.Retry("boom") : JobOutcome.Success(), now)).ToList(),
            CancellationToken.None);
        await Store.EnqueueChildrenAsync(runId, [new NewJob("test", "child", "child 2") { AccountId = AlphaId }], CancellationToken.None);
        return runId;
    }

    /// <summary>A listener of alpha with one finished upload of listening history. Returns its id.</summary>
    protected async Task<long> SeedListenerAsync(string name)
    {
        var id = await Store.CreateListenerAsync(AlphaId, name, CancellationToken.None);
        var upload = await Store.StartListenUploadAsync(id, "StreamingHistory_music_0.json", 48_213, CancellationToken.None);
        await Store.FinishListenUploadAsync(upload, new ListenCounts { Imported = 412, Duplicate = 9, Short = 37, Podcast = 2 }, null, CancellationToken.None);
        return id;
    }

    /// <summary>A failed-run notification of alpha for <paramref name="runId"/>, written the way the notifier writes it (no channels).</summary>
    protected async Task SeedNotificationAsync(long runId)
    {
        var batch = new NotificationBatch();
        batch.Notifications.Add(new NotificationDraft($"run_failed:{runId}", NotificationKind.RunFailed, AlphaId, runId, null,
            $"Run {runId} completed with errors", $"Run {runId} (spotify/sweep_duration_mismatches) completed with errors: 1 dead of 3 jobs.", "{}"));
        Assert.Equal(1, await Store.WriteNotificationBatchAsync(batch, [], 5, CancellationToken.None));
    }
}
