using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.MusicBrainz;

namespace Refrain.Tests.Providers;

/// <summary>Recordings by ISRC and by MBID over real HTTP, and the outcomes of the MusicBrainz client.</summary>
public sealed class MusicBrainzClientTests : ProviderTestBase
{
    [Fact]
    public async Task GetByIsrc_WithSeveralRecordings_ReturnsEachWithArtistsAndLength()
    {
        await using var sandbox = await StartSandboxAsync();
        var (isrc, expected) = sandbox.Catalog.Recordings.SelectMany(r => r.Isrcs.Select(i => (Isrc: i, Recording: r)))
            .GroupBy(x => x.Isrc, x => x.Recording).Select(g => (g.Key, g.ToList()))
            .First(g => g.Item2.Count > 1 && g.Item2.Any(r => r.Artists.Count > 1 || r.LengthMs is null));
        var (_, call) = await JobCallAsync(MusicBrainzClient.Provider);

        var result = await MusicBrainz(sandbox).GetByIsrcAsync(call, isrc, CancellationToken.None);

        var recordings = result.Value!;
        Assert.Equal(expected.Select(r => r.Id), recordings.Select(r => r.Id));
        Assert.Equal(expected.Select(r => r.LengthMs), recordings.Select(r => r.LengthMs));
        Assert.Equal(expected.Select(r => string.Join("|", r.Artists.Select(a => a.Name))), recordings.Select(r => string.Join("|", r.Artists)));
        Assert.All(recordings, r => Assert.Contains(isrc, r.Isrcs));
    }

    [Fact]
    public async Task GetByIsrc_Unknown_IsNoData()
    {
        await using var sandbox = await StartSandboxAsync();
        var (_, call) = await JobCallAsync(MusicBrainzClient.Provider);

        var result = await MusicBrainz(sandbox).GetByIsrcAsync(call, "ZZ0009999999", CancellationToken.None);

        Assert.StartsWith("HTTP 404", Assert.IsType<JobOutcome.NoData>(result.Outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetByIsrc_NotAnIsrc_IsPermanentWithoutARequest()
    {
        await using var sandbox = await StartSandboxAsync();
        var (_, call) = await JobCallAsync(MusicBrainzClient.Provider);

        var result = await MusicBrainz(sandbox).GetByIsrcAsync(call, "GB-AHS-14-00099", CancellationToken.None);

        Assert.IsType<JobOutcome.Permanent>(result.Outcome);
        Assert.Empty(sandbox.RequestCounts);
    }

    [Fact]
    public async Task GetByMbid_ReturnsTheRecordingWithItsIsrcsAndFirstRelease()
    {
        await using var sandbox = await StartSandboxAsync();
        var expected = sandbox.Catalog.Recordings.First(r => r.Isrcs.Count > 1 && r.LengthMs is not null);
        var (_, call) = await JobCallAsync(MusicBrainzClient.Provider);

        var result = await MusicBrainz(sandbox).GetByMbidAsync(call, expected.Id, CancellationToken.None);

        var recording = result.Value!;
        Assert.Equal(expected.Id, recording.Id);
        Assert.Equal(expected.Title, recording.Title);
        Assert.Equal(expected.LengthMs, recording.LengthMs);
        Assert.Equal(expected.Isrcs, recording.Isrcs);
        Assert.Equal(expected.FirstReleaseDate, recording.FirstReleaseDate);
        Assert.Equal(expected.Artists.Select(a => a.Name), recording.Artists);
    }

    [Fact]
    public async Task GetByMbid_Unknown_IsNoData()
    {
        await using var sandbox = await StartSandboxAsync();
        var (_, call) = await JobCallAsync(MusicBrainzClient.Provider);

        var result = await MusicBrainz(sandbox).GetByMbidAsync(call, "00000000-0000-4000-8000-000000000000", CancellationToken.None);

        Assert.IsType<JobOutcome.NoData>(result.Outcome);
    }

    [Fact]
    public async Task OverTheLimit_ServiceUnavailable_PausesMusicBrainzLikeA429()
    {
        await using var sandbox = await StartSandboxAsync(o => o.MusicBrainz.RequestsPerWindow = 1);
        var client = MusicBrainz(sandbox);
        var isrc = sandbox.Catalog.Recordings[0].Isrcs[0];
        var (_, first) = await JobCallAsync(MusicBrainzClient.Provider);
        Assert.True((await client.GetByIsrcAsync(first, isrc, CancellationToken.None)).IsOk);
        var (job, call) = await JobCallAsync(MusicBrainzClient.Provider);

        var result = await client.GetByIsrcAsync(call, isrc, CancellationToken.None);

        var snooze = Assert.IsType<JobOutcome.Snooze>(result.Outcome);
        Assert.Equal(Time.GetUtcNow().AddSeconds(30), snooze.Until);
        Assert.Equal(Time.GetUtcNow().AddSeconds(30), (await Store.GetProviderPauseAsync(MusicBrainzClient.Provider, CancellationToken.None))!.PausedUntil);
        Assert.Equal(0, (await FinishAsync(job, snooze)).Attempts);
    }

    [Fact]
    public async Task ServerError_IsRetry()
    {
        await using var sandbox = await StartSandboxAsync(o => o.MusicBrainz.ServerErrorRate = 1);
        var (_, call) = await JobCallAsync(MusicBrainzClient.Provider);

        var result = await MusicBrainz(sandbox).GetByIsrcAsync(call, sandbox.Catalog.Recordings[0].Isrcs[0], CancellationToken.None);

        Assert.Matches("^HTTP 50[02]", Assert.IsType<JobOutcome.Retry>(result.Outcome).Error);
        Assert.Null(await Store.GetProviderPauseAsync(MusicBrainzClient.Provider, CancellationToken.None));
    }

    [Fact]
    public async Task Timeout_IsRetry()
    {
        await using var sandbox = await StartSandboxAsync(o => o.MusicBrainz.TimeoutRate = 1);
        var (_, call) = await JobCallAsync(MusicBrainzClient.Provider);

        var result = await MusicBrainz(sandbox, TimeSpan.FromMilliseconds(300)).GetByMbidAsync(call, sandbox.Catalog.Recordings[0].Id, CancellationToken.None);

        Assert.StartsWith("request timed out", Assert.IsType<JobOutcome.Retry>(result.Outcome).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedBody_IsRetryMarkedUnparseable()
    {
        await using var sandbox = await StartSandboxAsync(o => o.MusicBrainz.MalformedRate = 1);
        var (_, call) = await JobCallAsync(MusicBrainzClient.Provider);

        var result = await MusicBrainz(sandbox).GetByIsrcAsync(call, sandbox.Catalog.Recordings[0].Isrcs[0], CancellationToken.None);

        Assert.True(Assert.IsType<JobOutcome.Retry>(result.Outcome).Unparseable);
    }

    [Fact]
    public async Task CanonicalDuration_OfAnIsrcWhoseRecordingsDisagree_IsUnknown()
    {
        await using var sandbox = await StartSandboxAsync();
        var isrc = sandbox.Catalog.Recordings.Where(r => r.Disambiguation == "radio edit").SelectMany(r => r.Isrcs)
            .First(i => sandbox.Catalog.RecordingsByIsrc(i).Count(r => r.LengthMs is not null) > 1);
        var call = ProviderCall.Direct(Gate(), Store, Time, MusicBrainzClient.Provider);

        var recordings = (await MusicBrainz(sandbox).GetByIsrcAsync(call, isrc, CancellationToken.None)).Value!;

        Assert.True(recordings.Count > 1);
        Assert.Null(MusicBrainzClient.CanonicalDurationMs(recordings));
    }
}
