using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Storage;

public abstract partial class JobStoreCompliance
{
    [StoreFact]
    public async Task ProviderPause_StopsItsClaimsAndSurvivesARestart()
    {
        await Store.EnqueueAsync(Job("gated", provider: "fake"), CancellationToken.None);
        await Store.EnqueueAsync(Job("free"), CancellationToken.None);
        await Store.PauseProviderAsync("fake", Time.GetUtcNow().AddHours(1), PauseReason.Manual, extendOnly: false, CancellationToken.None);
        await Store.DisposeAsync();

        var restarted = await OpenStoreAsync();
        var claimed = await ClaimAsync(10, restarted);

        Assert.Equal("free", Assert.Single(claimed).Subject);
        var pause = await restarted.GetProviderPauseAsync("fake", CancellationToken.None);
        Assert.Equal(PauseReason.Manual, pause!.Reason);
        Assert.Equal(0, (await restarted.ListJobsAsync(new JobFilter(), CancellationToken.None)).Single(j => j.Subject == "gated").Attempts);
        Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(1));
        Assert.Equal("gated", Assert.Single(await ClaimAsync(10, restarted)).Subject);
    }

    [StoreFact]
    public async Task Claim_LeavesJobsOfProvidersThisNodeDoesNotRun()
    {
        await Store.EnqueueAsync(Job("mb", provider: "musicbrainz"), CancellationToken.None);
        await Store.EnqueueAsync(Job("free"), CancellationToken.None);

        var claimed = await Store.ClaimAsync(new ClaimRequest("w", 10, Lease, null, []) { OffProviders = ["musicbrainz"] }, CancellationToken.None);

        Assert.Equal("free", Assert.Single(claimed).Subject);
        Assert.Equal("mb", Assert.Single(await ClaimAsync()).Subject);
    }

    [StoreFact]
    public async Task ProviderResume_EndsThePauseNow()
    {
        await Store.EnqueueAsync(Job("gated", provider: "fake"), CancellationToken.None);
        await Store.PauseProviderAsync("fake", Time.GetUtcNow().AddHours(1), PauseReason.Manual, extendOnly: false, CancellationToken.None);

        await Store.ResumeProviderAsync("fake", CancellationToken.None);

        Assert.Single(await ClaimAsync());
    }

    [StoreFact]
    public async Task TooManyRequests_WithoutRetryAfter_PausesForAMinimumThatGrowsOnRepeats()
    {
        var gate = new ProviderGate(Store, new Dictionary<string, ProviderOptions> { ["fake"] = new() { MinimumPause = TimeSpan.FromSeconds(5) } }, Time);
        var now = Time.GetUtcNow();

        var first = await gate.PauseAfterTooManyRequestsAsync("fake", null, PauseReason.Rate, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(5));
        var second = await gate.PauseAfterTooManyRequestsAsync("fake", TimeSpan.Zero, PauseReason.Rate, CancellationToken.None);

        Assert.Equal(now.AddSeconds(5), first);
        Assert.Equal(now.AddSeconds(5 + 10), second);
    }

    [StoreFact]
    public async Task RateLimit_RefusesBeyondTheLimitUntilTheOldestRequestLeavesTheWindow()
    {
        var window = TimeSpan.FromSeconds(30);
        var start = Time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await Store.TryAcquireRequestAsync("fake", 5, window, CancellationToken.None)).Granted);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var refused = await Store.TryAcquireRequestAsync("fake", 5, window, CancellationToken.None);
        Time.Advance(start.AddSeconds(30) - Time.GetUtcNow() - TimeSpan.FromMilliseconds(1));
        var stillRefused = await Store.TryAcquireRequestAsync("fake", 5, window, CancellationToken.None);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var granted = await Store.TryAcquireRequestAsync("fake", 5, window, CancellationToken.None);

        Assert.False(refused.Granted);
        Assert.Equal(start.AddSeconds(30), refused.RetryAt);
        Assert.False(stillRefused.Granted);
        Assert.True(granted.Granted);
    }

    [StoreFact]
    public async Task RateLimit_HoldsInEveryRollingWindowAcrossTwoStoreInstances()
    {
        const int limit = 10;
        var window = TimeSpan.FromSeconds(30);
        var other = await OpenStoreAsync();
        var granted = new List<DateTimeOffset>();
        var random = new Random(7);
        for (var step = 0; step < 60; step++)
        {
            // Bursts of concurrent requests from both "nodes", then the clock moves on by up to 4 s.
            var burst = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                Task.Run(() => (i % 2 == 0 ? Store : other).TryAcquireRequestAsync("fake", limit, window, CancellationToken.None))));
            granted.AddRange(burst.Where(d => d.Granted).Select(_ => Time.GetUtcNow()));
            Time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 4000)));
        }

        Assert.True(granted.Count > 3 * limit, $"only {granted.Count} requests were granted");
        foreach (var t in granted)
        {
            var inWindow = granted.Count(g => g > t - window && g <= t);
            Assert.True(inWindow <= limit, $"{inWindow} requests granted in the 30 s window ending {t:O}");
        }
    }

    [StoreFact]
    public async Task AcquireRequest_OnPausedProvider_SnoozesUntilThePauseEnds()
    {
        await Store.EnqueueAsync(Job("a", provider: "fake"), CancellationToken.None);
        var job = await ClaimOneAsync();
        var until = Time.GetUtcNow().AddMinutes(3);
        await Store.PauseProviderAsync("fake", until, PauseReason.Rate, extendOnly: false, CancellationToken.None);

        var outcome = Assert.IsType<JobOutcome.Snooze>(await Context(job).AcquireRequestAsync(CancellationToken.None));

        Assert.Equal(until, outcome.Until);
    }
}
