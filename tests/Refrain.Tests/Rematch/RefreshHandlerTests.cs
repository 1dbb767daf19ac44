using Dapper;
using Refrain.Catalog;
using Refrain.Jobs;
using Refrain.Providers.MusicBrainz;
using Refrain.Rematch;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Providers;

namespace Refrain.Tests.Rematch;

/// <summary>The refresh handlers and the matcher-version sweep against the sandbox over real HTTP.</summary>
public sealed class RefreshHandlerTests : ProviderTestBase
{
    private const string Header = "title,artists,album,isrc,duration_ms,spotify_track_id,musicbrainz_recording_id,release_date";

    private async Task<long> ImportAsync(string line)
    {
        var result = await new CatalogImporter(Store).ImportAsync(new StringReader($"{Header}\n{line}"), false, 1, "main", false, CancellationToken.None);
        Assert.True(result.Imported);
        await Store.CancelAsync(new JobFilter(), CancellationToken.None);
        return await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT MAX(id) FROM songs"), CancellationToken.None);
    }

    private async Task<JobContext> ContextAsync(string source, string jobType, string provider, long songId)
    {
        await Store.EnqueueAsync(new NewJob(source, jobType, $"song:{songId}") { Provider = provider }, CancellationToken.None);
        var job = Assert.Single(await Store.ClaimAsync(new ClaimRequest("w", 1, TimeSpan.FromMinutes(1), null, []), CancellationToken.None));
        return new JobContext(job, EmptyServices.Instance, Store, Gate(), Time);
    }

    [Fact]
    public async Task RefreshLink_StoresTheLinkedTracksDuration()
    {
        await using var sandbox = await StartSandboxAsync();
        var track = sandbox.Catalog.Tracks[3];
        var songId = await ImportAsync($"Some Song,Some Artist,,,200000,{track.Id},,");

        var outcome = await new RefreshLinkHandler(Spotify(sandbox)).ExecuteAsync(
            await ContextAsync(RefreshLinkHandler.Source, RefreshLinkHandler.JobType, "spotify", songId), CancellationToken.None);

        Assert.IsType<JobOutcome.Succeeded>(outcome);
        Assert.Equal(track.DurationMs, (await Store.GetSongLinkAsync(songId, null, CancellationToken.None))!.TrackDurationMs);
    }

    [Fact]
    public async Task RefreshRecording_SetsTheCanonicalDurationFromMusicBrainz()
    {
        await using var sandbox = await StartSandboxAsync();
        var recording = sandbox.Catalog.Recordings.First(r => r.LengthMs is not null && r.Isrcs.Count == 1
            && sandbox.Catalog.RecordingsByIsrc(r.Isrcs[0]).Count == 1);
        var songId = await ImportAsync($"{recording.Title.Replace(",", " ", StringComparison.Ordinal)},Artist,,{recording.Isrcs[0]},,,,");

        var outcome = await new RefreshRecordingHandler(MusicBrainz(sandbox)).ExecuteAsync(
            await ContextAsync(RefreshRecordingHandler.Source, RefreshRecordingHandler.JobType, MusicBrainzClient.Provider, songId), CancellationToken.None);

        Assert.IsType<JobOutcome.Succeeded>(outcome);
        var song = (await Store.GetSongLinkAsync(songId, null, CancellationToken.None))!;
        Assert.Equal(recording.LengthMs, song.DurationMs);
        Assert.Equal(recording.Id, song.MusicbrainzRecordingId);
    }

    [Fact]
    public async Task OutdatedMatchesSweep_TakesOnlyMatcherDecisionsOfAnotherVersion()
    {
        var songs = new List<long>();
        foreach (var (i, decidedBy, version) in new[] { (1, "matcher", "0"), (2, "matcher", "1"), (3, "reviewer", "0"), (4, "import", (string?)null) })
        {
            var id = await ImportAsync($"Song {i},Artist,,,200000,{i.ToString("D22", System.Globalization.CultureInfo.InvariantCulture)},,");
            await Store.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE links SET decided_by = @decidedBy, matcher_version = @version WHERE song_id = @id",
                new { decidedBy, version, id }, tx), CancellationToken.None);
            songs.Add(id);
        }

        var enqueued = await Store.EnqueueOutdatedMatchesAsync(null, null, "1", CancellationToken.None);

        Assert.Equal(1, enqueued);
        var job = Assert.Single(await Store.ListJobsAsync(new JobFilter { JobType = RematchJob.JobType, State = JobState.Pending }, CancellationToken.None));
        Assert.Equal($"song:{songs[0]}", job.Subject);
    }
}
