using Refrain.Jobs;
using Refrain.Providers.Spotify;
using Refrain.Sandbox;

namespace Refrain.Tests.Providers;

/// <summary>Search by ISRC and by title and artist (<c>q=track:"…" artist:"…"</c>, at most 10 items).</summary>
public sealed class SpotifySearchTests : ProviderTestBase
{
    [Fact]
    public async Task SearchByIsrc_SharedByTracksOfDifferentDurations_ReturnsEachWithItsOwnDuration()
    {
        await using var sandbox = await StartSandboxAsync();
        var shared = sandbox.Catalog.Tracks.Where(t => t.Isrc is not null).GroupBy(t => t.Isrc!)
            .First(g => g.Count() is > 1 and <= 10 && g.Select(t => t.DurationMs).Distinct().Count() > 1);
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).SearchByIsrcAsync(call, shared.Key.ToLowerInvariant(), CancellationToken.None);

        Assert.Equal(shared.Select(t => (t.Id, t.DurationMs)).Order(), result.Value!.Select(t => (t.Id, t.DurationMs)).Order());
        Assert.All(result.Value!, t => Assert.Equal(shared.Key, t.Isrc));
    }

    [Fact]
    public async Task SearchByIsrc_NotAnIsrc_IsPermanentWithoutARequest()
    {
        await using var sandbox = await StartSandboxAsync();
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).SearchByIsrcAsync(call, "isrc:GB artist:x", CancellationToken.None);

        Assert.IsType<JobOutcome.Permanent>(result.Outcome);
        Assert.Equal(0, sandbox.RequestCount(SandboxEndpoints.Search));
    }

    [Fact]
    public async Task Search_TitleAndArtist_FindsTheSongAndItsVersions()
    {
        await using var sandbox = await StartSandboxAsync();
        var song = sandbox.Catalog.Songs.First(s => s.ExpectedSpotifyId is not null
            && sandbox.Catalog.Track(s.ExpectedSpotifyId)!.Artists.Count == 1
            && sandbox.Catalog.TracksOfSong(s.Number).Any(t => t.Version == "live"));
        var original = sandbox.Catalog.Track(song.ExpectedSpotifyId!)!;
        var live = sandbox.Catalog.TracksOfSong(song.Number).First(t => t.Version == "live");
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).SearchAsync(call, original.Name, original.Artists[0].Name, 10, CancellationToken.None);

        var ids = result.Value!.Select(t => t.Id).ToList();
        Assert.Contains(original.Id, ids);
        Assert.InRange(ids.Count, 1, 10);
        if (ids.Count < 10)
        {
            Assert.Contains(live.Id, ids);
        }
    }

    [Fact]
    public async Task Search_LimitAboveTen_IsClampedToTen()
    {
        // The sandbox, like Spotify since 2026, refuses limit > 10 with a 400: a clamped request succeeds.
        await using var sandbox = await StartSandboxAsync();
        var artist = sandbox.Catalog.Tracks.GroupBy(t => t.Artists[0].Name).OrderByDescending(g => g.Count()).First().Key;
        var title = sandbox.Catalog.Tracks.First(t => t.Artists[0].Name == artist).Name;
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).SearchAsync(call, title, artist, 50, CancellationToken.None);

        Assert.True(result.IsOk);
        Assert.InRange(result.Value!.Count, 1, 10);
    }

    [Fact]
    public async Task Search_NoMatch_IsAnEmptyAnswer()
    {
        await using var sandbox = await StartSandboxAsync();
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).SearchAsync(call, "Zzyzx \"Road\" Nocturne", "Nobody", 10, CancellationToken.None);

        Assert.True(result.IsOk);
        Assert.Empty(result.Value!);
    }
}
