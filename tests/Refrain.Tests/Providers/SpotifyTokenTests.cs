using Refrain.Jobs;
using Refrain.Providers.Spotify;
using Refrain.Sandbox;

namespace Refrain.Tests.Providers;

/// <summary>The client-credentials token: reused, renewed before it expires, refreshed once on a 401, refused credentials.</summary>
public sealed class SpotifyTokenTests : ProviderTestBase
{
    [Fact]
    public async Task Token_IsRequestedOnceAndReusedAcrossCalls()
    {
        await using var sandbox = await StartSandboxAsync();
        var client = Spotify(sandbox);

        foreach (var track in sandbox.Catalog.Tracks.Take(5))
        {
            var (_, call) = await JobCallAsync(SpotifyClient.Provider);
            Assert.True((await client.GetTrackAsync(call, track.Id, true, CancellationToken.None)).IsOk);
        }

        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.Token));
        Assert.Equal(5, sandbox.RequestCount(SandboxEndpoints.Track));
    }

    [Fact]
    public async Task Token_ConcurrentFirstCalls_ShareOneTokenRequest()
    {
        await using var sandbox = await StartSandboxAsync();
        var client = Spotify(sandbox);
        var calls = new List<Refrain.Providers.ProviderCall>();
        for (var i = 0; i < 8; i++)
        {
            calls.Add((await JobCallAsync(SpotifyClient.Provider)).Call);
        }

        var results = await Task.WhenAll(calls.Select((call, i) => client.GetTrackAsync(call, sandbox.Catalog.Tracks[i].Id, true, CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.IsOk));
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.Token));
    }

    [Fact]
    public async Task Token_ExpiredMidRun_IsRefreshedOnceAndTheCallSucceeds()
    {
        await using var sandbox = await StartSandboxAsync();
        var client = Spotify(sandbox);
        var (_, first) = await JobCallAsync(SpotifyClient.Provider);
        Assert.True((await client.GetTrackAsync(first, sandbox.Catalog.Tracks[0].Id, true, CancellationToken.None)).IsOk);
        sandbox.ExpireTokens();
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await client.GetTrackAsync(call, sandbox.Catalog.Tracks[1].Id, true, CancellationToken.None);

        Assert.True(result.IsOk);
        Assert.Equal(sandbox.Catalog.Tracks[1].Name, result.Value!.Name);
        Assert.Equal(2, sandbox.RequestCount(SandboxEndpoints.Token));
        Assert.Equal(3, sandbox.RequestCount(SandboxEndpoints.Track)); // the first call, the refused one, its repeat
    }

    [Fact]
    public async Task Token_NearItsExpiry_IsRenewedBeforeTheApiRefusesIt()
    {
        await using var sandbox = await StartSandboxAsync(o => o.TokenLifetime = TimeSpan.FromMinutes(10));
        var client = Spotify(sandbox);
        var (_, first) = await JobCallAsync(SpotifyClient.Provider);
        Assert.True((await client.GetTrackAsync(first, sandbox.Catalog.Tracks[0].Id, true, CancellationToken.None)).IsOk);
        Time.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(30));
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        Assert.True((await client.GetTrackAsync(call, sandbox.Catalog.Tracks[1].Id, true, CancellationToken.None)).IsOk);

        Assert.Equal(2, sandbox.RequestCount(SandboxEndpoints.Token));
        Assert.Equal(2, sandbox.RequestCount(SandboxEndpoints.Track)); // no 401 on the way
    }

    [Fact]
    public async Task Unauthorized_AgainAfterTheRefresh_IsPermanent()
    {
        // Tokens that are dead on arrival: the refresh cannot help, and the client does not loop.
        await using var sandbox = await StartSandboxAsync(o => o.TokenLifetime = TimeSpan.Zero);
        var (job, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).GetTrackAsync(call, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None);

        var permanent = Assert.IsType<JobOutcome.Permanent>(result.Outcome);
        Assert.Equal("HTTP 401: The access token expired", permanent.Error);
        Assert.Equal(2, sandbox.RequestCount(SandboxEndpoints.Token));
        Assert.Equal(2, sandbox.RequestCount(SandboxEndpoints.Track));
        Assert.Equal(JobState.Failed, (await FinishAsync(job, permanent)).State);
    }

    [Fact]
    public async Task Token_WrongClientSecret_IsPermanentAndNamesTheSettingNotTheSecret()
    {
        await using var sandbox = await StartSandboxAsync();
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox, o => o.ClientSecret = "not-the-secret").GetTrackAsync(call, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None);

        var permanent = Assert.IsType<JobOutcome.Permanent>(result.Outcome);
        Assert.Contains("invalid_client", permanent.Error, StringComparison.Ordinal);
        Assert.Contains("Providers:Spotify:ClientId", permanent.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", permanent.Error, StringComparison.Ordinal);
        Assert.Equal(0, sandbox.RequestCount(SandboxEndpoints.Track));
    }

    [Fact]
    public async Task Token_WithoutCredentials_IsPermanentWithoutARequest()
    {
        await using var sandbox = await StartSandboxAsync();
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox, o => o.ClientId = null).GetTrackAsync(call, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None);

        Assert.Contains("Providers:Spotify:ClientId", Assert.IsType<JobOutcome.Permanent>(result.Outcome).Error, StringComparison.Ordinal);
        Assert.Empty(sandbox.RequestCounts);
    }
}
