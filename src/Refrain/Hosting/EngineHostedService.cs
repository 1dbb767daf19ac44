using Refrain.Jobs;
using Refrain.Scheduling;
using Refrain.Storage;

namespace Refrain.Hosting;

/// <summary>
/// The node's background work under <c>serve</c>: migrate, upsert configured schedules, then run the worker and the
/// scheduler until shutdown (the worker finishes or releases what it holds).
/// </summary>
internal sealed class EngineHostedService(
    RefrainStore store, Worker worker, Scheduler scheduler, ScheduleService schedules, SchedulingOptions schedulingOptions,
    IConfiguration configuration, ILogger<EngineHostedService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken); // a no-op after serve's own migration; kept so the service stands alone
        foreach (var definition in EngineServices.ConfiguredSchedules(configuration))
        {
            await schedules.UpsertAsync(definition, cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tasks = new List<Task> { worker.RunAsync(stoppingToken) };
        if (schedulingOptions.Enabled)
        {
            tasks.Add(scheduler.RunAsync(stoppingToken));
        }

        await Task.WhenAll(tasks);
        HostingLog.WorkerStats(logger, worker.WorkerId, worker.Stats.Claimed, worker.Stats.Executed, worker.Stats.Committed, worker.Stats.Fenced);
    }
}
