using Refrain.Jobs;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Storage;

public abstract partial class JobStoreCompliance
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(5);

    [StoreFact]
    public async Task Reclaim_WhenLeaseExpired_ReturnsJobToQueueWithTheAttemptCounted()
    {
        var id = (await Store.EnqueueAsync(Job("a"), CancellationToken.None)).JobId;
        await ClaimOneAsync();

        Time.Advance(Lease + Skew);
        Assert.Equal(0, await Store.ReclaimExpiredAsync(Skew, CancellationToken.None));
        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await Store.ReclaimExpiredAsync(Skew, CancellationToken.None));

        var job = await ReloadAsync(id);
        Assert.Equal(JobState.Pending, job.State);
        Assert.Equal(1, job.Attempts);
        Assert.Equal("reclaimed", job.Reason);
        Assert.Equal(2, (await ClaimOneAsync()).Attempts);
    }

    [StoreFact]
    public async Task Reclaim_OnLastAttempt_IsDead()
    {
        var id = (await Store.EnqueueAsync(Job("a") with { MaxAttempts = 1 }, CancellationToken.None)).JobId;
        await ClaimOneAsync();
        Time.Advance(Lease + Skew + TimeSpan.FromSeconds(1));

        await Store.ReclaimExpiredAsync(Skew, CancellationToken.None);

        Assert.Equal(JobState.Dead, (await ReloadAsync(id)).State);
    }

    [StoreFact]
    public async Task Heartbeat_ExtendsTheLeaseOfRunningJobs()
    {
        await Store.EnqueueAsync(Job("a"), CancellationToken.None);
        await ClaimOneAsync();
        Time.Advance(TimeSpan.FromSeconds(25));

        Assert.Equal(1, await Store.HeartbeatAsync("worker-a", Lease, CancellationToken.None));
        Time.Advance(TimeSpan.FromSeconds(25));

        Assert.Equal(0, await Store.ReclaimExpiredAsync(Skew, CancellationToken.None));
    }

    [StoreFact]
    public async Task Complete_WithStaleLeaseToken_IsFencedOff()
    {
        var id = (await Store.EnqueueAsync(Job("a"), CancellationToken.None)).JobId;
        var stale = await ClaimOneAsync();
        Time.Advance(Lease + Skew + TimeSpan.FromSeconds(1));
        await Store.ReclaimExpiredAsync(Skew, CancellationToken.None);
        var fresh = await ClaimOneAsync();

        var refused = await FinishAsync(stale, new JobOutcome.Permanent("stale worker"));
        var accepted = await FinishAsync(fresh, JobOutcome.Success());

        Assert.NotEqual(stale.LeaseToken, fresh.LeaseToken);
        Assert.Equal((0, 1), (refused.Committed, refused.Fenced));
        Assert.Equal((1, 0), (accepted.Committed, accepted.Fenced));
        Assert.Equal(JobState.Succeeded, (await ReloadAsync(id)).State);
    }

    [StoreFact]
    public async Task Complete_Twice_CommitsOnce()
    {
        await Store.EnqueueAsync(Job("a"), CancellationToken.None);
        var job = await ClaimOneAsync();

        var first = await FinishAsync(job, JobOutcome.Success());
        var second = await FinishAsync(job, JobOutcome.Success());

        Assert.Equal(1, first.Committed);
        Assert.Equal(0, second.Committed);
    }
}
