using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Measurements.Quota;
using Refrain.Providers.Snapshot;
using Refrain.Sandbox;

namespace Refrain.Tests.Providers;

/// <summary>The snapshot client against the sandbox over real HTTP: an album's tracks with ISRCs and play counts, ledgered per album.</summary>
public sealed class SnapshotClientTests : ProviderTestBase
{
    private SnapshotClient Client(SandboxServer sandbox, QuotaLimits limits) =>
        new(new HttpClient { Timeout = TimeSpan.FromSeconds(20) }, new SnapshotOptions { BaseUrl = sandbox.BaseUrl },
            new QuotaService(Store, Time, limits), NullLogger<SnapshotClient>.Instance);

    private static QuotaLimits Limits()
    {
        var limits = new QuotaLimits();
        limits.CostPerCallUsd["snapshot"] = new SnapshotOptions().CostPerAlbumUsd;
        return limits;
    }

    [Fact]
    public async Task GetAlbumPlaycounts_ReturnsEveryTrackOfTheAlbumAndLedgersOneAlbum()
    {
        await using var sandbox = await StartSandboxAsync();
        var album = sandbox.Catalog.Tracks[0].Album;
        var expected = sandbox.Catalog.Tracks.Where(t => t.Album.Id == album.Id).OrderBy(t => t.TrackNumber).ToList();
        var (_, call) = await JobCallAsync(SnapshotClient.Provider);

        var result = await Client(sandbox, Limits()).GetAlbumPlaycountsAsync(call, 1, album.Id, CancellationToken.None);

        Assert.True(result.IsOk, result.Outcome?.ToString());
        Assert.Equal(album.Id, result.Value!.AlbumId);
        Assert.Equal(expected.Select(t => (t.Id, t.Isrc)), result.Value.Tracks.Select(t => (t.SpotifyTrackId, t.Isrc)));
        Assert.All(result.Value.Tracks, t => Assert.True(t.Playcount > 0));
        Assert.Equal((1L, 3000L), await Store.SumQuotaLedgerAsync("snapshot", 1, CancellationToken.None));
    }

    [Fact]
    public async Task GetAlbumPlaycounts_AnUnknownAlbum_IsNoData()
    {
        await using var sandbox = await StartSandboxAsync();
        var (_, call) = await JobCallAsync(SnapshotClient.Provider);

        var result = await Client(sandbox, Limits()).GetAlbumPlaycountsAsync(call, 1, "0000000000000000000000", CancellationToken.None);

        Assert.IsType<JobOutcome.NoData>(result.Outcome);
    }

    [Fact]
    public async Task GetAlbumPlaycounts_ACutBody_IsRetryMarkedUnparseable()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Snapshot.MalformedRate = 1);
        var (_, call) = await JobCallAsync(SnapshotClient.Provider);

        var result = await Client(sandbox, Limits()).GetAlbumPlaycountsAsync(call, 1, sandbox.Catalog.Tracks[0].Album.Id, CancellationToken.None);

        Assert.True(Assert.IsType<JobOutcome.Retry>(result.Outcome).Unparseable);
    }

    [Fact]
    public async Task GetAlbumPlaycounts_OverTheSandboxLimit_SnoozesAndPausesTheProvider()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Snapshot.RequestsPerWindow = 1);
        var client = Client(sandbox, Limits());
        var album = sandbox.Catalog.Tracks[0].Album.Id;
        var (_, first) = await JobCallAsync(SnapshotClient.Provider);
        Assert.True((await client.GetAlbumPlaycountsAsync(first, 1, album, CancellationToken.None)).IsOk);
        var (_, second) = await JobCallAsync(SnapshotClient.Provider);

        var result = await client.GetAlbumPlaycountsAsync(second, 1, album, CancellationToken.None);

        Assert.IsType<JobOutcome.Snooze>(result.Outcome);
        Assert.NotNull(await Store.GetProviderPauseAsync(SnapshotClient.Provider, CancellationToken.None));
    }
}
