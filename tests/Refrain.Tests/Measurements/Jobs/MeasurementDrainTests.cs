using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Measurements;
using Refrain.Measurements.Jobs;
using Refrain.Measurements.Quota;
using Refrain.Providers.Snapshot;
using Refrain.Providers.Songstats;
using Refrain.Sandbox;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Providers;

namespace Refrain.Tests.Measurements.Jobs;

/// <summary>
/// Both sources end to end against the sandbox over real HTTP: a historical run drained most-played first stores each
/// history and marks it (a 404 as no history), and another account's identical run then enqueues nothing; a current run
/// stores today's play count of every track of each album.
/// </summary>
public sealed class MeasurementDrainTests : ProviderTestBase
{
    private static IEnumerable<string> Isrcs => Enumerable.Range(1, 2000).Select(i => $"QZS7A26{i:00000}");

    private SongstatsClient Songstats(SandboxServer sandbox) =>
        new(new HttpClient { Timeout = TimeSpan.FromSeconds(20) }, new SongstatsOptions { BaseUrl = sandbox.BaseUrl, ApiKey = sandbox.Options.SongstatsApiKey },
            new QuotaService(Store, Time, new QuotaLimits()), Time, NullLogger<SongstatsClient>.Instance);

    private SnapshotClient Snapshot(SandboxServer sandbox) =>
        new(new HttpClient { Timeout = TimeSpan.FromSeconds(20) }, new SnapshotOptions { BaseUrl = sandbox.BaseUrl },
            new QuotaService(Store, Time, new QuotaLimits()), NullLogger<SnapshotClient>.Instance);

    /// <summary>Claims one job of <paramref name="source"/> at a time, as the worker ranks them, runs it and completes it; returns the subjects in order.</summary>
    private async Task<List<(string? Subject, JobOutcome Outcome)>> DrainAsync(string source, IJobHandler handler)
    {
        var done = new List<(string?, JobOutcome)>();
        while (await Store.ClaimAsync(new ClaimRequest("w", 1, TimeSpan.FromMinutes(1), [source], []), CancellationToken.None) is [var job])
        {
            var outcome = await handler.ExecuteAsync(new JobContext(job, EmptyServices.Instance, Store, Gate(), Time), CancellationToken.None);
            await Store.CompleteAsync([Outcomes.ToCompletion(job, outcome, Time.GetUtcNow(), jitter: 0.5)], CancellationToken.None);
            done.Add((job.Subject, outcome));
        }

        return done;
    }

    [Fact]
    public async Task Historical_DrainsMostPlayedFirst_StoresHistories_MarksNoHistory_AndAnotherAccountPaysForNothingAgain()
    {
        await using var sandbox = await StartSandboxAsync();
        var (played, quiet) = (Isrcs.Where(SongstatsHistories.HasHistory).First(), Isrcs.Where(SongstatsHistories.HasHistory).Skip(1).First());
        var none = Isrcs.First(i => !SongstatsHistories.HasHistory(i));
        string[] rows = [$"Quiet,Band,A,{quiet},200000,,,", $"None,Band,A,{none},200000,,,", $"Played,Band,A,{played},200000,,,2018-03"];
        var alpha = (await Store.CreateAccountAsync("alpha", CancellationToken.None))!.Id;
        var beta = (await Store.CreateAccountAsync("beta", CancellationToken.None))!.Id;
        var alphaCatalog = await MeasurementSeed.ImportAsync(Store, alpha, "main", rows);
        var betaCatalog = await MeasurementSeed.ImportAsync(Store, beta, "main", rows);
        await Store.UpsertDayTotalsAsync("spotify", "streams", "snapshot", new DateOnly(2026, 11, 1), [(played, 5000), (none, 10)], CancellationToken.None);

        var started = await Store.StartHistoricalMeasurementAsync(alpha, alpha, MeasurementScope.Catalog(alphaCatalog), "spotify", "test", CancellationToken.None);
        var drained = await DrainAsync("songstats", new BackfillHistoryHandler(Songstats(sandbox)));

        Assert.Equal([$"recording:{played}", $"recording:{none}", $"recording:{quiet}"], drained.Select(d => d.Subject).ToList());
        Assert.IsType<JobOutcome.NoData>(drained[1].Outcome);
        var (from, to) = (new DateOnly(2018, 3, 1), new DateOnly(2026, 11, 21));
        var stored = await Store.GetMeasurementsAsync(played, "spotify", "streams", "songstats", from, to, CancellationToken.None);
        Assert.Equal(SongstatsHistories.History(played, from, to).Select(p => (p.Date, p.Total)), stored.Select(p => (p.Date, p.Total)));
        Assert.Equal(("backfilled", (DateOnly?)to), await Store.GetBackfillAsync(played, "spotify", CancellationToken.None));
        Assert.Equal("no_history", (await Store.GetBackfillAsync(none, "spotify", CancellationToken.None))?.State);
        Assert.Equal(3, sandbox.RequestCount(SandboxEndpoints.SongstatsHistory));
        var run = (await Store.GetRunAsync(started.RunId!.Value, CancellationToken.None))!;
        Assert.Equal(("succeeded", 2L, 1L), (run.State, run.Succeeded, run.NoData));

        var again = await Store.StartHistoricalMeasurementAsync(beta, beta, MeasurementScope.Catalog(betaCatalog), "spotify", "test", CancellationToken.None);

        Assert.Equal((0, 3), (again.Enqueued, again.Skipped));
        Assert.Empty(await DrainAsync("songstats", new BackfillHistoryHandler(Songstats(sandbox))));
        Assert.Equal(3, sandbox.RequestCount(SandboxEndpoints.SongstatsHistory));
    }

    [Fact]
    public async Task Backfill_A5xxRetries_A429SnoozesAndPausesSongstats_AndNeitherMarksTheRecording()
    {
        await using var failing = await StartSandboxAsync(o => o.Songstats.ServerErrorRate = 1);
        await using var limited = await StartSandboxAsync(o => o.Songstats.TooManyRequestsRate = 1);
        var isrc = Isrcs.First(SongstatsHistories.HasHistory);
        var account = (await Store.CreateAccountAsync("alpha", CancellationToken.None))!.Id;
        var catalog = await MeasurementSeed.ImportAsync(Store, account, "main", $"Song,Band,A,{isrc},200000,,,");
        await Store.StartHistoricalMeasurementAsync(account, account, MeasurementScope.Catalog(catalog), "spotify", "test", CancellationToken.None);

        var job = Assert.Single(await Store.ClaimAsync(new ClaimRequest("w", 1, TimeSpan.FromMinutes(1), ["songstats"], []), CancellationToken.None));
        var context = new JobContext(job, EmptyServices.Instance, Store, Gate(), Time);
        var retry = await new BackfillHistoryHandler(Songstats(failing)).ExecuteAsync(context, CancellationToken.None);
        var snooze = await new BackfillHistoryHandler(Songstats(limited)).ExecuteAsync(context, CancellationToken.None);

        Assert.IsType<JobOutcome.Retry>(retry);
        Assert.True(Assert.IsType<JobOutcome.Snooze>(snooze).Until > Time.GetUtcNow());
        Assert.NotNull((await Store.GetProviderPauseAsync("songstats", CancellationToken.None))?.PausedUntil);
        Assert.Null(await Store.GetBackfillAsync(isrc, "spotify", CancellationToken.None));
    }

    [Fact]
    public async Task Current_StoresTodaysPlayCountOfEveryTrackOfEachAlbum()
    {
        await using var sandbox = await StartSandboxAsync();
        var tracks = sandbox.Catalog.Tracks.Where(t => t.Isrc is not null).DistinctBy(t => t.Isrc).DistinctBy(t => t.Album.Id).Take(2).ToList();
        var account = (await Store.CreateAccountAsync("alpha", CancellationToken.None))!.Id;
        var catalog = await MeasurementSeed.ImportAsync(Store, account, "main", [.. tracks.Select((t, i) => $"Song {i},Band,A,{t.Isrc},200000,{t.Id},,")]);
        foreach (var t in tracks)
        {
            await MeasurementSeed.CacheTrackAsync(Store, t.Id, t.Album.Id, t.Isrc);
        }

        var started = await Store.StartCurrentMeasurementAsync(account, account, MeasurementScope.Catalog(catalog), "spotify", "api", "test", CancellationToken.None);
        var drained = await DrainAsync("snapshot", new AlbumPlaycountsHandler(Snapshot(sandbox)));

        Assert.True(drained.Count == 2, string.Join("; ", drained.Select(d => $"{d.Subject} {d.Outcome}")) + $" run {started}");
        Assert.All(drained, d => Assert.IsType<JobOutcome.Succeeded>(d.Outcome));
        using var http = new HttpClient();
        var today = new DateOnly(2026, 11, 22);
        foreach (var albumId in tracks.Select(t => t.Album.Id))
        {
            var served = await http.GetFromJsonAsync<JsonElement>(new Uri(sandbox.BaseUrl, $"albums/{albumId}/playcounts"));
            foreach (var track in served.GetProperty("tracks").EnumerateArray())
            {
                var isrc = track.GetProperty("isrc").GetString()!;
                var point = Assert.Single(await Store.GetMeasurementsAsync(isrc, "spotify", "streams", "snapshot", today, today, CancellationToken.None));
                Assert.Equal(track.GetProperty("playcount").GetInt64(), point.Total);
            }
        }

        Assert.Equal("succeeded", (await Store.GetRunAsync(started.RunId!.Value, CancellationToken.None))!.State);
        Assert.Equal(2, await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM quota_ledger WHERE provider = 'snapshot'"), CancellationToken.None));
    }
}
