using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Sandbox;

namespace Refrain.Tests.Providers;

/// <summary>Each outcome class of DESIGN §4 as the Spotify client meets it over real HTTP.</summary>
public sealed class SpotifyOutcomeTests : ProviderTestBase
{
    [Fact]
    public async Task TooManyRequests_WithRetryAfterSeconds_PausesSpotifyAndSnoozesWithoutSpendingAnAttempt()
    {
        // The sandbox's own rolling limit: one request per 30 s window, so the second is refused with Retry-After: 30.
        await using var sandbox = await StartSandboxAsync(o => o.Spotify.RequestsPerWindow = 1);
        var client = Spotify(sandbox);
        var (_, first) = await JobCallAsync(SpotifyClient.Provider);
        Assert.True((await client.GetTrackAsync(first, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None)).IsOk);
        var (job, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await client.GetTrackAsync(call, sandbox.Catalog.Tracks[1].Id, false, CancellationToken.None);

        var snooze = Assert.IsType<JobOutcome.Snooze>(result.Outcome);
        var until = Time.GetUtcNow().AddSeconds(30);
        Assert.Equal(until, snooze.Until);
        Assert.Equal(PauseReason.Rate, snooze.Reason);
        var pause = (await Store.GetProviderPauseAsync(SpotifyClient.Provider, CancellationToken.None))!;
        Assert.Equal(until, pause.PausedUntil);
        Assert.Equal(PauseReason.Rate, pause.Reason);
        var snoozed = await FinishAsync(job, snooze);
        Assert.Equal(JobState.Pending, snoozed.State);
        Assert.Equal(0, snoozed.Attempts);
        Assert.Equal(until, snoozed.RunAt);
        Assert.Equal(1, sandbox.TooManyRequestsServed);
    }

    [Fact]
    public async Task TooManyRequests_WithRetryAfterHttpDate_PausesUntilThatDate()
    {
        await using var sandbox = await StartSandboxAsync(o =>
        {
            o.Spotify.TooManyRequestsRate = 1;
            o.Spotify.TooManyRequestsRetryAfter = TimeSpan.FromHours(3);
            o.Spotify.RetryAfter = RetryAfterStyle.HttpDate;
        });
        var (job, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).GetTrackAsync(call, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None);

        var snooze = Assert.IsType<JobOutcome.Snooze>(result.Outcome);
        var until = new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal(until, snooze.Until);
        Assert.Equal(until, (await Store.GetProviderPauseAsync(SpotifyClient.Provider, CancellationToken.None))!.PausedUntil);
        Assert.Equal(0, (await FinishAsync(job, snooze)).Attempts);
    }

    [Fact]
    public async Task TooManyRequests_QuotaExceeded_PausesForQuota()
    {
        await using var sandbox = await StartSandboxAsync(o =>
        {
            o.Spotify.QuotaExceededRate = 1;
            o.Spotify.QuotaRetryAfter = TimeSpan.FromHours(1);
        });
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).GetTrackAsync(call, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None);

        var snooze = Assert.IsType<JobOutcome.Snooze>(result.Outcome);
        Assert.Equal(PauseReason.Quota, snooze.Reason);
        Assert.Equal(Time.GetUtcNow().AddHours(1), snooze.Until);
        Assert.Equal(PauseReason.Quota, (await Store.GetProviderPauseAsync(SpotifyClient.Provider, CancellationToken.None))!.Reason);
    }

    [Fact]
    public async Task TooManyRequests_EmptyBodyAndRetryAfterZero_PausesForTheMinimumPause()
    {
        await using var sandbox = await StartSandboxAsync(o =>
        {
            o.Spotify.TooManyRequestsRate = 1;
            o.Spotify.EmptyTooManyRequestsBodyRate = 1;
            o.Spotify.RetryAfter = RetryAfterStyle.Zero;
        });
        var (_, call) = await JobCallAsync(SpotifyClient.Provider, Gate(SpotifyClient.Provider));

        var result = await Spotify(sandbox).GetTrackAsync(call, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None);

        var snooze = Assert.IsType<JobOutcome.Snooze>(result.Outcome);
        Assert.Equal(PauseReason.Rate, snooze.Reason);
        Assert.Equal(Time.GetUtcNow().AddSeconds(5), snooze.Until);
    }

    [Fact]
    public async Task ServerError_IsRetrySpendingAnAttemptAndLeavesTheProviderOpen()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Spotify.ServerErrorRate = 1);
        var (job, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).GetTrackAsync(call, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None);

        var retry = Assert.IsType<JobOutcome.Retry>(result.Outcome);
        Assert.Matches("^HTTP 50[023]: ", retry.Error);
        Assert.False(retry.Unparseable);
        var retried = await FinishAsync(job, retry);
        Assert.Equal(JobState.Pending, retried.State);
        Assert.Equal(1, retried.Attempts);
        Assert.Null(await Store.GetProviderPauseAsync(SpotifyClient.Provider, CancellationToken.None));
    }

    [Fact]
    public async Task Timeout_IsRetry()
    {
        await using var sandbox = await StartSandboxAsync(o =>
        {
            o.Spotify.TimeoutRate = 1;
            o.Spotify.Hang = TimeSpan.FromSeconds(30);
        });
        var client = Spotify(sandbox, timeout: TimeSpan.FromMilliseconds(300));
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await client.GetTrackAsync(call, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None);

        var retry = Assert.IsType<JobOutcome.Retry>(result.Outcome);
        Assert.StartsWith("request timed out", retry.Error, StringComparison.Ordinal);
        Assert.False(retry.Unparseable);
    }

    [Fact]
    public async Task MalformedBody_IsRetryMarkedUnparseable()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Spotify.MalformedRate = 1);
        var (job, call) = await JobCallAsync(SpotifyClient.Provider);

        var result = await Spotify(sandbox).GetTrackAsync(call, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None);

        var retry = Assert.IsType<JobOutcome.Retry>(result.Outcome);
        Assert.True(retry.Unparseable);
        Assert.Equal(1, (await FinishAsync(job, retry)).ParseFailures);
    }

    [Fact]
    public async Task RateLimit_WhenTheGateHasNoTokenLeft_SnoozesWithoutARequest()
    {
        await using var sandbox = await StartSandboxAsync();
        var client = Spotify(sandbox);
        var gate = Gate(SpotifyClient.Provider, requestsPerWindow: 1);
        var (_, first) = await JobCallAsync(SpotifyClient.Provider, gate);
        Assert.True((await client.GetTrackAsync(first, sandbox.Catalog.Tracks[0].Id, false, CancellationToken.None)).IsOk);
        var (_, second) = await JobCallAsync(SpotifyClient.Provider, gate);

        var result = await client.GetTrackAsync(second, sandbox.Catalog.Tracks[1].Id, false, CancellationToken.None);

        var snooze = Assert.IsType<JobOutcome.Snooze>(result.Outcome);
        // The 30 s window plus the gate's 1 s margin for the delay between grant and receipt.
        Assert.Equal(Time.GetUtcNow().AddSeconds(31), snooze.Until);
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.Track));
    }
}
