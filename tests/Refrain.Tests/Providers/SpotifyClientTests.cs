using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Sandbox;

namespace Refrain.Tests.Providers;

/// <summary>Tracks by id over real HTTP: the answer, not-found, bad ids, and calls made outside a job.</summary>
public sealed class SpotifyClientTests : ProviderTestBase
{
    private const string UnknownId = "0000000000000000000000";

    [Fact]
    public async Task GetTrack_Existing_ReadsTheTrackObject()
    {
        await using var sandbox = await StartSandboxAsync();
        var expected = sandbox.Catalog.Tracks.First(t => t.Artists.Count == 2 && t.Isrc is not null);
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).GetTrackAsync(call, expected.Id, bypassCache: false, CancellationToken.None);

        Assert.True(result.IsOk);
        var track = result.Value!;
        Assert.Equal(expected.Id, track.Id);
        Assert.Equal(expected.Name, track.Name);
        Assert.Equal(expected.DurationMs, track.DurationMs);
        Assert.Equal(expected.Isrc, track.Isrc);
        Assert.Equal(expected.Artists.Select(a => a.Name), track.Artists.Select(a => a.Name));
        Assert.Equal(expected.Album.Name, track.Album!.Name);
        Assert.Equal(expected.Album.AlbumType, track.Album.AlbumType);
        Assert.Equal(expected.Album.ReleaseDate, track.Album.ReleaseDate);
        Assert.Equal(expected.TrackNumber, track.TrackNumber);
    }

    [Fact]
    public async Task GetTrack_UnknownId_IsNoDataAndEndsTheJobWithoutError()
    {
        await using var sandbox = await StartSandboxAsync();
        var (job, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).GetTrackAsync(call, UnknownId, bypassCache: false, CancellationToken.None);

        var noData = Assert.IsType<JobOutcome.NoData>(result.Outcome);
        Assert.StartsWith("HTTP 404", noData.Reason, StringComparison.Ordinal);
        var finished = await FinishAsync(job, noData);
        Assert.Equal(JobState.NoData, finished.State);
        Assert.Null(finished.LastError);
    }

    [Fact]
    public async Task GetTrack_NotASpotifyId_IsPermanentWithoutARequest()
    {
        await using var sandbox = await StartSandboxAsync();
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).GetTrackAsync(call, "spotify:track:nope", bypassCache: false, CancellationToken.None);

        Assert.IsType<JobOutcome.Permanent>(result.Outcome);
        Assert.Equal(0, sandbox.RequestCount(SandboxEndpoints.Track));
    }

    [Fact]
    public async Task GetTrack_DirectCall_ReturnsTheTrack()
    {
        await using var sandbox = await StartSandboxAsync();
        var expected = sandbox.Catalog.Tracks[0];
        var call = ProviderCall.Direct(Gate(), Store, Time, SpotifyClient.Provider);

        var result = await Spotify(sandbox).GetTrackAsync(call, expected.Id, bypassCache: true, CancellationToken.None);

        Assert.Equal(expected.Name, result.Value!.Name);
    }

    [Fact]
    public async Task GetTrack_DirectCallUnknownId_ThrowsOneLineWithoutSecrets()
    {
        await using var sandbox = await StartSandboxAsync();
        var call = ProviderCall.Direct(Gate(), Store, Time, SpotifyClient.Provider);

        var ex = await Assert.ThrowsAsync<ProviderException>(() => Spotify(sandbox).GetTrackAsync(call, UnknownId, bypassCache: false, CancellationToken.None));

        Assert.IsType<JobOutcome.NoData>(ex.Outcome);
        Assert.Equal($"spotify: track {UnknownId}: HTTP 404: not found: Resource not found", ex.Message);
        Assert.DoesNotContain(sandbox.Options.ClientSecret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTrack_DirectCallWhenRateLimited_PausesTheProviderAndSaysUntilWhen()
    {
        await using var sandbox = await StartSandboxAsync(o =>
        {
            o.Spotify.TooManyRequestsRate = 1;
            o.Spotify.TooManyRequestsRetryAfter = TimeSpan.FromMinutes(2);
        });
        var call = ProviderCall.Direct(Gate(), Store, Time, SpotifyClient.Provider);

        var ex = await Assert.ThrowsAsync<ProviderException>(() => Spotify(sandbox).GetTrackAsync(call, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None));

        Assert.Equal("spotify: track " + sandbox.Catalog.Tracks[0].Id + ": spotify is rate limited until 2026-11-22 12:02:00Z", ex.Message);
        Assert.Equal(Time.GetUtcNow().AddMinutes(2), (await Store.GetProviderPauseAsync(SpotifyClient.Provider, CancellationToken.None))!.PausedUntil);
    }
}
