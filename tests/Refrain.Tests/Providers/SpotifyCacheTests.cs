using Refrain.Jobs;
using Refrain.Providers.Spotify;
using Refrain.Sandbox;

namespace Refrain.Tests.Providers;

/// <summary>The track and search caches of DESIGN §6: 30 days for tracks, 7 for searches, bypassed on demand, never holding a failure.</summary>
public sealed class SpotifyCacheTests : ProviderTestBase
{
    [Fact]
    public async Task GetTrack_Twice_TheSecondComesFromTheDatabase()
    {
        await using var sandbox = await StartSandboxAsync();
        var client = Spotify(sandbox);
        var id = sandbox.Catalog.Tracks[0].Id;
        var (_, first) = await JobCallAsync(SpotifyClient.Provider);
        var (_, second) = await JobCallAsync(SpotifyClient.Provider);

        var fetched = await client.GetTrackAsync(first, id, false, CancellationToken.None);
        var cached = await client.GetTrackAsync(second, id, false, CancellationToken.None);

        Assert.Equal(fetched.Value! with { Artists = [] }, cached.Value! with { Artists = [] });
        Assert.Equal(fetched.Value!.Artists.Select(a => a.Name), cached.Value!.Artists.Select(a => a.Name));
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.Track));
    }

    [Fact]
    public async Task GetTrack_BypassingTheCache_AsksSpotifyAgain()
    {
        await using var sandbox = await StartSandboxAsync();
        var client = Spotify(sandbox);
        var id = sandbox.Catalog.Tracks[0].Id;
        var (_, first) = await JobCallAsync(SpotifyClient.Provider);
        var (_, second) = await JobCallAsync(SpotifyClient.Provider);

        await client.GetTrackAsync(first, id, false, CancellationToken.None);
        Assert.True((await client.GetTrackAsync(second, id, bypassCache: true, CancellationToken.None)).IsOk);

        Assert.Equal(2, sandbox.RequestCount(SandboxEndpoints.Track));
    }

    [Fact]
    public async Task GetTrack_OlderThanTheCacheAge_IsFetchedAgain()
    {
        await using var sandbox = await StartSandboxAsync();
        var client = Spotify(sandbox);
        var id = sandbox.Catalog.Tracks[0].Id;
        var (_, first) = await JobCallAsync(SpotifyClient.Provider);
        await client.GetTrackAsync(first, id, false, CancellationToken.None);

        Time.Advance(TimeSpan.FromDays(29));
        var (_, young) = await JobCallAsync(SpotifyClient.Provider);
        await client.GetTrackAsync(young, id, false, CancellationToken.None);
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.Track));

        Time.Advance(TimeSpan.FromDays(2));
        var (_, old) = await JobCallAsync(SpotifyClient.Provider);
        Assert.True((await client.GetTrackAsync(old, id, false, CancellationToken.None)).IsOk);
        Assert.Equal(2, sandbox.RequestCount(SandboxEndpoints.Track));
    }

    [Fact]
    public async Task GetTrack_AfterAServerError_IsNotAnsweredFromTheCache()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Spotify.ServerErrorRate = 1);
        var client = Spotify(sandbox);
        var id = sandbox.Catalog.Tracks[0].Id;
        var (_, failing) = await JobCallAsync(SpotifyClient.Provider);
        Assert.IsType<JobOutcome.Retry>((await client.GetTrackAsync(failing, id, false, CancellationToken.None)).Outcome);

        sandbox.Options.Spotify.ServerErrorRate = 0;
        var (_, retry) = await JobCallAsync(SpotifyClient.Provider);
        var result = await client.GetTrackAsync(retry, id, false, CancellationToken.None);

        Assert.True(result.IsOk);
        Assert.Equal(2, sandbox.RequestCount(SandboxEndpoints.Track));
    }

    [Fact]
    public async Task GetTracks_PartlyCached_FetchesOnlyTheMissing()
    {
        await using var sandbox = await StartSandboxAsync();
        var client = Spotify(sandbox);
        var ids = sandbox.Catalog.Tracks.Take(3).Select(t => t.Id).ToList();
        var (_, first) = await JobCallAsync(SpotifyClient.Provider);
        await client.GetTrackAsync(first, ids[1], false, CancellationToken.None);
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await client.GetTracksAsync(call, ids, false, CancellationToken.None);

        Assert.Equal(ids, result.Value!.Select(t => t.Id));
        Assert.Equal(3, sandbox.RequestCount(SandboxEndpoints.Track));
    }

    [Fact]
    public async Task Cache_IsSharedByEveryStoreOnTheDatabase()
    {
        await using var sandbox = await StartSandboxAsync();
        var id = sandbox.Catalog.Tracks[0].Id;
        var (_, first) = await JobCallAsync(SpotifyClient.Provider);
        await Spotify(sandbox).GetTrackAsync(first, id, false, CancellationToken.None);
        var otherNode = await OpenStoreAsync();
        var call = Refrain.Providers.ProviderCall.Direct(new Refrain.Providers.ProviderGate(otherNode, new Dictionary<string, Refrain.Providers.ProviderOptions>(), Time), otherNode, Time, SpotifyClient.Provider);

        var result = await Spotify(sandbox).GetTrackAsync(call, id, false, CancellationToken.None);

        Assert.Equal(sandbox.Catalog.Tracks[0].Name, result.Value!.Name);
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.Track));
    }

    [Fact]
    public async Task Search_IsCachedForSevenDaysAndFillsTheTrackCache()
    {
        await using var sandbox = await StartSandboxAsync();
        var client = Spotify(sandbox);
        var isrc = sandbox.Catalog.Tracks.First(t => t.Isrc is not null).Isrc!;
        var (_, first) = await JobCallAsync(SpotifyClient.Provider);
        var found = await client.SearchByIsrcAsync(first, isrc, CancellationToken.None);

        Time.Advance(TimeSpan.FromDays(6));
        var (_, again) = await JobCallAsync(SpotifyClient.Provider);
        var cached = await client.SearchByIsrcAsync(again, isrc, CancellationToken.None);
        var (_, track) = await JobCallAsync(SpotifyClient.Provider);
        await client.GetTrackAsync(track, found.Value![0].Id, false, CancellationToken.None);

        Assert.Equal(found.Value.Select(t => t.Id), cached.Value!.Select(t => t.Id));
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.Search));
        Assert.Equal(0, sandbox.RequestCount(SandboxEndpoints.Track));

        Time.Advance(TimeSpan.FromDays(2));
        var (_, stale) = await JobCallAsync(SpotifyClient.Provider);
        await client.SearchByIsrcAsync(stale, isrc, CancellationToken.None);
        Assert.Equal(2, sandbox.RequestCount(SandboxEndpoints.Search));
    }
}
