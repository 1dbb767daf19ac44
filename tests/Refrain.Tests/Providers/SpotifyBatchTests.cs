using Refrain.Providers.Spotify;
using Refrain.Sandbox;

namespace Refrain.Tests.Providers;

/// <summary>Several tracks: <c>GET /v1/tracks?ids=</c> in batches of 50 when enabled, else one request per track.</summary>
public sealed class SpotifyBatchTests : ProviderTestBase
{
    private const string UnknownId = "0000000000000000000000";

    [Fact]
    public async Task GetTracks_BatchOn_OmitsUnknownIdsInOneRequest()
    {
        await using var sandbox = await StartSandboxAsync();
        var known = sandbox.Catalog.Tracks.Take(3).Select(t => t.Id).ToList();
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox, o => o.BatchTrackLookup = true)
            .GetTracksAsync(call, [known[0], UnknownId, known[1], "not-an-id", known[2]], false, CancellationToken.None);

        Assert.Equal(known, result.Value!.Select(t => t.Id));
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.Tracks));
        Assert.Equal(0, sandbox.RequestCount(SandboxEndpoints.Track));
    }

    [Fact]
    public async Task GetTracks_BatchOnWithMoreThan50_SplitsIntoBatchesOf50()
    {
        await using var sandbox = await StartSandboxAsync();
        var ids = sandbox.Catalog.Tracks.Take(120).Select(t => t.Id).ToList();
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox, o => o.BatchTrackLookup = true).GetTracksAsync(call, ids, false, CancellationToken.None);

        Assert.Equal(ids, result.Value!.Select(t => t.Id));
        Assert.Equal(3, sandbox.RequestCount(SandboxEndpoints.Tracks));
    }

    [Fact]
    public async Task GetTracks_BatchOff_OneRequestPerTrackAndUnknownIdsOmitted()
    {
        await using var sandbox = await StartSandboxAsync();
        var known = sandbox.Catalog.Tracks.Take(3).Select(t => t.Id).ToList();
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).GetTracksAsync(call, [.. known, UnknownId], false, CancellationToken.None);

        Assert.Equal(known, result.Value!.Select(t => t.Id));
        Assert.Equal(4, sandbox.RequestCount(SandboxEndpoints.Track));
        Assert.Equal(0, sandbox.RequestCount(SandboxEndpoints.Tracks));
    }

    [Fact]
    public async Task GetTracks_WhenARequestIsRefused_StopsWithItsOutcome()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Spotify.QuotaExceededRate = 1);
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox, o => o.BatchTrackLookup = true)
            .GetTracksAsync(call, [.. sandbox.Catalog.Tracks.Take(3).Select(t => t.Id)], false, CancellationToken.None);

        Assert.IsType<Refrain.Jobs.JobOutcome.Snooze>(result.Outcome);
        Assert.Null(result.Value);
    }
}
