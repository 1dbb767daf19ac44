using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Storage;

namespace Refrain.Jobs;

/// <summary>
/// One node's workers: per pool, a claim loop that keeps up to a claim batch of leased jobs in hand and a fixed number of
/// slots executing them; one writer of batched completions; heartbeats, reclaim and retention.
/// </summary>
public sealed partial class Worker
{
    private readonly RefrainStore store;
    private readonly JobHandlerRegistry registry;
    private readonly ProviderGate gate;
    private readonly IServiceProvider services;
    private readonly WorkerOptions options;
    private readonly TimeProvider time;
    private readonly EngineMetrics metrics;
    private readonly ILogger<Worker> logger;
    private readonly Runs.RunSummaries? summaries;
    private readonly Channel<Completion> _completions = Channel.CreateUnbounded<Completion>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Signal _completionsDrained = new();
    private int _running;

    public Worker(RefrainStore store, JobHandlerRegistry registry, ProviderGate gate, IServiceProvider services, WorkerOptions options,
        TimeProvider time, EngineMetrics metrics, ILogger<Worker> logger, Runs.RunSummaries? summaries = null)
    {
        this.summaries = summaries;
        this.store = store;
        this.registry = registry;
        this.gate = gate;
        this.services = services;
        this.options = options;
        this.time = time;
        this.metrics = metrics;
        this.logger = logger;
    }

    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public WorkerStats Stats { get; } = new();

    /// <summary>Runs until <paramref name="stoppingToken"/> fires, then stops claiming, finishes or releases what it holds, and flushes.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        WorkerLog.Started(logger, WorkerId, string.Join(", ", options.Slots.Select(s => $"{s.Key}={s.Value}")));
        using var hardStop = new CancellationTokenSource();
        using var maintenanceStop = new CancellationTokenSource();
        var named = options.Slots.Keys.Where(k => k != "*").ToList();
        var pools = options.Slots.Select(s => new Pool(this, s.Key, s.Value, s.Key == "*" ? null : [s.Key], named)).ToList();
        var flusher = FlushCompletionsAsync();
        var maintenance = MaintainAsync(maintenanceStop.Token);
        var poolTasks = pools.Select(p => p.RunAsync(stoppingToken, hardStop.Token)).ToList();

        try
        {
            await stoppingToken.WaitUntilCancelledAsync();
        }
        finally
        {
            hardStop.CancelAfter(options.ShutdownTimeout);
            await Task.WhenAll(poolTasks);
            _completions.Writer.TryComplete();
            await flusher;
            await maintenanceStop.CancelAsync();
            await maintenance;
            WorkerLog.Stopped(logger, WorkerId, Stats.Claimed, Stats.Executed, Stats.Committed, Stats.Fenced);
        }
    }

    /// <summary>Jobs claimed by this node and not yet completed.</summary>
    public int InHand => Volatile.Read(ref _running);

    private void Complete(Completion completion) => _completions.Writer.TryWrite(completion);
}
