namespace Refrain.Jobs;

public sealed partial class Worker
{
    /// <summary>Heartbeats for held jobs, reclaim of expired leases (and summaries of runs ended without one), and retention, until stopped.</summary>
    private async Task MaintainAsync(CancellationToken stop)
    {
        var idle = new Signal();
        var heartbeatEvery = options.Lease / 3;
        var now = time.GetUtcNow();
        var nextReclaim = now;
        var nextPrune = now + TimeSpan.FromMinutes(1);
        while (!stop.IsCancellationRequested)
        {
            now = time.GetUtcNow();
            await GuardAsync("heartbeat", async () =>
            {
                if (InHand > 0)
                {
                    await store.HeartbeatAsync(WorkerId, options.Lease, stop);
                }
            }, stop);
            if (now >= nextReclaim)
            {
                nextReclaim = now + options.ReclaimInterval;
                await GuardAsync("reclaim", async () =>
                {
                    var reclaimed = await store.ReclaimExpiredAsync(options.LeaseSkew, stop);
                    if (reclaimed > 0)
                    {
                        WorkerLog.Reclaimed(logger, reclaimed);
                    }

                    await store.CheckpointAsync(stop);
                    if (summaries is not null)
                    {
                        await summaries.CatchUpAsync(store, now, stop);
                    }
                }, stop);
            }

            if (now >= nextPrune)
            {
                nextPrune = now + options.RetentionInterval;
                await GuardAsync("retention", async () =>
                {
                    var pruned = await store.PruneAsync(options.SucceededRetention, options.FailedRetention, stop);
                    if (pruned > 0)
                    {
                        WorkerLog.Pruned(logger, pruned);
                    }
                }, stop);
            }

            await idle.WaitAsync(heartbeatEvery < options.ReclaimInterval ? heartbeatEvery : options.ReclaimInterval, time, stop);
        }
    }

    private async Task GuardAsync(string task, Func<Task> work, CancellationToken stop)
    {
        try
        {
            await work();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            WorkerLog.MaintenanceFailed(logger, task, ex);
        }
    }
}
