using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Notifications;
using Refrain.Providers;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Notifications;

/// <summary>
/// A delivery whose job ends without the handler recording an outcome (the worker died on the last attempt and the reclaim
/// found it out of attempts, or an admin cancelled it) is closed as failed by the next check, with the job's error; one
/// whose job was retried stays pending.
/// </summary>
public abstract class StrandedDeliveryCompliance : StoreTestBase
{
    private static readonly NotificationOptions Options = new()
    {
        MaxAttempts = 1,
        Channels = [new NotificationChannelOptions { Name = "ops", Type = NotificationChannelOptions.Webhook, Url = "http://127.0.0.1:9/hook" }],
    };

    private static readonly JobFilter DeliveryJobs = new() { Source = DeliveryJob.Source, JobType = DeliveryJob.JobType };

    private NotificationChecker Checker() => new(Store, Options, Time, NullLogger<NotificationChecker>.Instance);

    /// <summary>A long provider pause announced: one notification, one pending delivery to "ops" and its job.</summary>
    private async Task AnnounceAsync()
    {
        await Store.PauseProviderAsync("spotify", Time.GetUtcNow().AddHours(3), PauseReason.Quota, false, CancellationToken.None);
        Assert.Equal(1, await Checker().CheckAsync(CancellationToken.None));
    }

    private async Task<DeliveryRecord> DeliveryAsync()
    {
        var ids = (await Store.ListNotificationsAsync(null, true, null, 10, null, CancellationToken.None)).Select(n => n.Id).ToList();
        return Assert.Single(await Store.DeliveriesOfAsync(ids, CancellationToken.None));
    }

    /// <summary>Claims the delivery job as a worker that then dies: its lease runs out and the reclaim finds it out of attempts.</summary>
    private async Task WorkerDiesOnTheLastAttemptAsync()
    {
        var claimed = await Store.ClaimAsync(new ClaimRequest("node-a/1", 10, TimeSpan.FromMinutes(5), null, []), CancellationToken.None);
        Assert.Equal(DeliveryJob.JobType, Assert.Single(claimed).JobType);
        Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await Store.ReclaimExpiredAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
    }

    [StoreFact]
    public async Task DeliveryWhoseWorkerDied_IsMarkedFailedWithTheJobsError_Once()
    {
        await AnnounceAsync();
        await WorkerDiesOnTheLastAttemptAsync();
        Assert.Equal(DeliveryRecord.Pending, (await DeliveryAsync()).State);

        Assert.Equal(0, await Checker().CheckAsync(CancellationToken.None));

        var delivery = await DeliveryAsync();
        Assert.Equal((DeliveryRecord.Failed, 1), (delivery.State, delivery.Attempts));
        Assert.Equal("lease expired: worker node-a/1 stopped renewing it", delivery.LastError);
        Assert.Equal(0, await Store.FailStrandedDeliveriesAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task CancelledDeliveryJob_ClosesItsDelivery()
    {
        await AnnounceAsync();

        Assert.Equal(1, await Store.CancelAsync(DeliveryJobs, CancellationToken.None));
        Assert.Equal(1, await Store.FailStrandedDeliveriesAsync(CancellationToken.None));

        Assert.Equal(DeliveryRecord.Failed, (await DeliveryAsync()).State);
    }

    [StoreFact]
    public async Task PendingOrRetriedDeliveryJob_LeavesTheDeliveryPending()
    {
        await AnnounceAsync();
        Assert.Equal(0, await Store.FailStrandedDeliveriesAsync(CancellationToken.None));

        await WorkerDiesOnTheLastAttemptAsync();
        Assert.Equal(1, await Store.RetryAsync(DeliveryJobs, CancellationToken.None));
        Assert.Equal(0, await Store.FailStrandedDeliveriesAsync(CancellationToken.None));

        Assert.Equal(DeliveryRecord.Pending, (await DeliveryAsync()).State);
    }
}

public sealed class SqliteStrandedDeliveryTests : StrandedDeliveryCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresStrandedDeliveryTests : StrandedDeliveryCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
