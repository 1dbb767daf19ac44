using Refrain.Jobs;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Storage;

public abstract partial class JobStoreCompliance
{
    [StoreFact]
    public async Task Claim_OrdersByPriorityThenTime()
    {
        await Store.EnqueueAsync(Job("old-low") with { RunAt = Time.GetUtcNow().AddMinutes(-10) }, CancellationToken.None);
        await Store.EnqueueAsync(Job("new-high", priority: 5), CancellationToken.None);
        await Store.EnqueueAsync(Job("old-high", priority: 5) with { RunAt = Time.GetUtcNow().AddMinutes(-5) }, CancellationToken.None);
        await Store.EnqueueAsync(Job("new-low"), CancellationToken.None);

        var order = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            order.Add((await ClaimOneAsync()).Subject);
        }

        Assert.Equal(["old-high", "new-high", "old-low", "new-low"], order);
    }

    [StoreFact]
    public async Task Claim_BeforeRunAt_LeavesJobUntilTheClockReachesIt()
    {
        await Store.EnqueueAsync(Job("later") with { RunAt = Time.GetUtcNow().AddMinutes(5) }, CancellationToken.None);

        Assert.Empty(await ClaimAsync());
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("later", (await ClaimOneAsync()).Subject);
    }

    [StoreFact]
    public async Task Claim_SetsLeaseTokenAndCountsTheAttempt()
    {
        await Store.EnqueueAsync(Job("a"), CancellationToken.None);

        var job = await ClaimOneAsync();

        Assert.Equal(JobState.Running, job.State);
        Assert.Equal(1, job.Attempts);
        Assert.NotNull(job.LeaseToken);
        Assert.Equal(Time.GetUtcNow() + Lease, job.LeaseUntil);
        Assert.Equal("worker-a", job.WorkerId);
        Assert.Empty(await ClaimAsync());
    }

    [StoreFact]
    public async Task Claim_TwoStoresConcurrently_NeverHandTheSameJobTwice()
    {
        await Store.EnqueueManyAsync(Enumerable.Range(0, 500).Select(i => Job($"j{i}")).ToList(), CancellationToken.None);
        var other = await OpenStoreAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => ClaimAsync(25, i % 2 == 0 ? Store : other))));

        var ids = claims.SelectMany(c => c).Select(j => j.Id).ToList();
        Assert.Equal(500, ids.Count);
        Assert.Equal(500, ids.Distinct().Count());
    }

    [StoreFact]
    public async Task Claim_BySource_TakesOnlyItsPoolsJobs()
    {
        await Store.EnqueueAsync(new NewJob("spotify", "refresh", "1"), CancellationToken.None);
        await Store.EnqueueAsync(new NewJob("musicbrainz", "refresh", "1"), CancellationToken.None);

        var spotify = await Store.ClaimAsync(new ClaimRequest("w", 10, Lease, ["spotify"], []), CancellationToken.None);
        var rest = await Store.ClaimAsync(new ClaimRequest("w", 10, Lease, null, ["spotify"]), CancellationToken.None);

        Assert.Equal("spotify", Assert.Single(spotify).Source);
        Assert.Equal("musicbrainz", Assert.Single(rest).Source);
    }
}
