using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Catalog;
using Refrain.Hosting;
using Refrain.Jobs;
using Refrain.Rematch;
using Refrain.Runs;
using Refrain.Scheduling;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Rematch;

/// <summary>The duration sweep's selection on both databases, and the monthly schedule that enqueues it.</summary>
public abstract class SweepCompliance : StoreTestBase
{
    private const string Header = "title,artists,album,isrc,duration_ms,spotify_track_id,musicbrainz_recording_id,release_date";

    /// <summary>Imports songs with the given canonical durations, linked, then sets each link's track duration.</summary>
    private async Task<long[]> SongsAsync(params (int? Canonical, int? Linked)[] songs)
    {
        var lines = songs.Select((s, i) => $"Song {i},Artist,Album,,{s.Canonical},{i.ToString("D22", System.Globalization.CultureInfo.InvariantCulture)},,");
        await new CatalogImporter(Store).ImportAsync(new StringReader(string.Join('\n', [Header, .. lines])), false, 1, "main", false, CancellationToken.None);
        var ids = (await Store.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM songs ORDER BY id"), CancellationToken.None)).ToArray();
        for (var i = 0; i < songs.Length; i++)
        {
            await Store.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE links SET track_duration_ms = @d WHERE song_id = @id",
                new { d = songs[i].Linked, id = ids[i] }, tx), CancellationToken.None);
        }

        return ids;
    }

    private async Task<IReadOnlyList<string?>> SweepAsync(int thresholdSeconds = 60)
    {
        await Store.EnqueueDurationMismatchesAsync(null, null, thresholdSeconds * 1000L, new SweepArgs(thresholdSeconds).ToJson(), CancellationToken.None);
        var jobs = await Store.ListJobsAsync(new JobFilter { JobType = RematchJob.JobType }, CancellationToken.None);
        return jobs.Select(j => j.Subject).Order(StringComparer.Ordinal).ToList();
    }

    [StoreFact]
    public async Task Sweep_PicksOnlyDeltasBeyondTheThresholdInEitherDirection()
    {
        var ids = await SongsAsync((200_000, 260_000), (200_000, 260_001), (260_001, 200_000), (200_000, 201_000));

        var picked = await SweepAsync();

        Assert.Equal([$"song:{ids[1]}", $"song:{ids[2]}"], picked);
    }

    [StoreFact]
    public async Task Sweep_SkipsUnknownDurations()
    {
        await SongsAsync((null, 400_000), (200_000, null));

        Assert.Empty(await SweepAsync());
    }

    [StoreFact]
    public async Task Sweep_SkipsReviewerDecisions()
    {
        var ids = await SongsAsync((200_000, 300_000), (200_000, 300_000));
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE links SET decided_by = 'reviewer' WHERE song_id = @id", new { id = ids[0] }, tx), CancellationToken.None);

        Assert.Equal([$"song:{ids[1]}"], await SweepAsync());
    }

    [StoreFact]
    public async Task Sweep_SkipsSongsWithAnActiveJobAndPicksThemAgainOnceItEnds()
    {
        var ids = await SongsAsync((200_000, 300_000));
        Assert.Single(await SweepAsync());

        var again = await Store.EnqueueDurationMismatchesAsync(null, null, 60_000, "{}", CancellationToken.None);
        Assert.Equal(0, again);
        Assert.Equal(0, await Store.CountDurationMismatchesAsync(null, 60_000, CancellationToken.None));

        await Store.CancelAsync(new JobFilter { JobType = RematchJob.JobType }, CancellationToken.None);
        Assert.Equal(1, await Store.CountDurationMismatchesAsync(null, 60_000, CancellationToken.None));
        Assert.Equal(ids[0], (await Store.SampleDurationMismatchesAsync(null, 60_000, 5, CancellationToken.None)).Single().SongId);
    }

    [StoreFact]
    public async Task Sweep_ThresholdIsThatOfTheArgs()
    {
        await SongsAsync((200_000, 210_000));

        Assert.Empty(await SweepAsync(11));
        Assert.Single(await SweepAsync(9));
    }

    [StoreFact]
    public async Task SweepHandler_EnqueuesIntoItsRunAndTheRunCountsThem()
    {
        await SongsAsync((200_000, 300_000), (200_000, 400_000));
        await Store.CancelAsync(new JobFilter { JobType = "refresh_link" }, CancellationToken.None);
        var fired = await Store.StartRunAsync(new RunStart("spotify/sweep_duration_mismatches", null, "manual", "test"),
            new NewJob(DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, "t") { Args = """{"threshold_seconds": 60}""" }, CancellationToken.None);
        var job = (await Store.ClaimAsync(new ClaimRequest("w", 1, TimeSpan.FromMinutes(1), [DurationMismatchSweepHandler.Source], []), CancellationToken.None)).Single();

        var outcome = await new DurationMismatchSweepHandler().ExecuteAsync(Context(job), CancellationToken.None);
        await Store.CompleteAsync([Outcomes.ToCompletion(job, outcome, Time.GetUtcNow())], CancellationToken.None);

        var run = (await Store.GetRunAsync(fired.RunId!.Value, CancellationToken.None))!;
        Assert.Equal((3L, 1L, RunState.Running), (run.Total, run.Succeeded, run.State));
        Assert.All(await Store.ListJobsAsync(new JobFilter { JobType = RematchJob.JobType }, CancellationToken.None), j => Assert.Equal(run.Id, j.RunId));
    }

    [StoreFact]
    public async Task SweepHandler_WithABadThreshold_FailsPermanently()
    {
        await Store.EnqueueAsync(new NewJob(DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, "t") { Args = """{"threshold_seconds": 3601}""" }, CancellationToken.None);
        var job = (await Store.ClaimAsync(new ClaimRequest("w", 1, TimeSpan.FromMinutes(1), null, []), CancellationToken.None)).Single();

        var outcome = Assert.IsType<JobOutcome.Permanent>(await new DurationMismatchSweepHandler().ExecuteAsync(Context(job), CancellationToken.None));

        Assert.Contains("threshold_seconds", outcome.Error, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task LinkChange_ByTheMatcher_NeverLandsOnAReviewersDecision()
    {
        var ids = await SongsAsync((200_000, 300_000));
        Assert.True(await Store.ApplyLinkChangeAsync(new LinkChange(ids[0], "1111111111111111111111", 200_000, "linked", "reviewer accepted", "reviewer"), CancellationToken.None));

        var refused = await Store.ApplyLinkChangeAsync(new LinkChange(ids[0], "2222222222222222222222", 200_000, "linked", RematchCase.Relinked, "matcher"), CancellationToken.None);

        Assert.False(refused);
        var link = (await Store.GetSongLinkAsync(ids[0], null, CancellationToken.None))!;
        Assert.Equal(("1111111111111111111111", "reviewer"), (link.SpotifyTrackId, link.DecidedBy));
        var history = await Store.ReadAsync(c => c.QueryAsync<(string? Old, string? New, string By)>(
            "SELECT old_track_id, new_track_id, decided_by FROM link_history ORDER BY id"), CancellationToken.None);
        Assert.Equal(("1111111111111111111111", "reviewer"), (history.Last().New, history.Last().By));
    }

    [StoreFact]
    public async Task MonthlySchedule_ShipsByDefaultAndEnqueuesTheSweepAtFourOnTheFirst()
    {
        // Every shipped schedule must validate, so each one's job gets a handler; only the monthly sweep's is the real one.
        var registry = new JobHandlerRegistry(EngineServices.DefaultSchedules
            .Select(d => d.Job.Split('/'))
            .Where(job => job[1] != DurationMismatchSweepHandler.JobType)
            .Select(job => new JobHandlerRegistration(job[0], job[1], _ => new NoopHandler()))
            .Append(new JobHandlerRegistration(DurationMismatchSweepHandler.Source, DurationMismatchSweepHandler.JobType, _ => new DurationMismatchSweepHandler())));
        var service = new ScheduleService(Store, registry, Time);
        foreach (var definition in EngineServices.ConfiguredSchedules(new ConfigurationBuilder().Build()))
        {
            await service.UpsertAsync(definition, CancellationToken.None);
        }

        var schedule = (await Store.GetScheduleAsync(null, "spotify-rematch-monthly", CancellationToken.None))!;
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture), schedule.NextFire);

        Time.Advance(schedule.NextFire!.Value - Time.GetUtcNow());
        await new Scheduler(Store, registry, new SchedulingOptions(), Time, NullLogger<Scheduler>.Instance).TickAsync(CancellationToken.None);

        var job = Assert.Single(await Store.ListJobsAsync(new JobFilter { JobType = DurationMismatchSweepHandler.JobType }, CancellationToken.None));
        Assert.Equal("""{"threshold_seconds":60}""", job.Args);
        Assert.Equal("schedule:system:spotify-rematch-monthly:2026-12-01T04:00:00Z", job.UniqueKey);
    }

    private JobContext Context(JobRecord job) =>
        new(job, EmptyServices.Instance, Store, new Refrain.Providers.ProviderGate(Store, new Dictionary<string, Refrain.Providers.ProviderOptions>(), Time), Time);
}

public sealed class SqliteSweepTests : SweepCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresSweepTests : SweepCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
