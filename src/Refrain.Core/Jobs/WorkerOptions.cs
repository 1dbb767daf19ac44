namespace Refrain.Jobs;

/// <summary>A node's worker settings (configuration <c>Workers</c>).</summary>
public sealed class WorkerOptions
{
    /// <summary>Concurrent executions per source; <c>*</c> is the pool for every source without its own. Default <c>{"*": 16}</c>.</summary>
    public Dictionary<string, int> Slots { get; set; } = new(StringComparer.Ordinal) { ["*"] = 16 };

    /// <summary>Jobs claimed per statement; 0 picks 8 × slots (at most 1,000). A claimed job waits in memory under its lease.</summary>
    public int ClaimBatch { get; set; }

    /// <summary>How long a claim holds a job before another node may reclaim it; renewed by heartbeats. Default 60 seconds.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Clock skew tolerated between nodes before an expired lease is reclaimed. Default 5 seconds.</summary>
    public TimeSpan LeaseSkew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait between claims when the queue is empty. Default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often expired leases are reclaimed. Default 15 seconds.</summary>
    public TimeSpan ReclaimInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long running handlers may finish on shutdown before they are cancelled and their jobs released. Default 30 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Completions written per statement at most. Default 2,000.</summary>
    public int CompletionBatch { get; set; } = 2000;

    /// <summary>Succeeded and no-data jobs are pruned after this. Default 7 days.</summary>
    public TimeSpan SucceededRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Dead, failed and cancelled jobs are pruned after this. Default 90 days.</summary>
    public TimeSpan FailedRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often retention runs. Default 1 hour.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    public int ClaimBatchFor(int slots) => ClaimBatch > 0 ? ClaimBatch : Math.Clamp(slots * 8, 1, 1000);

    /// <summary>Names every bad setting, or returns an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Slots.Count == 0)
        {
            errors.Add("Workers:Slots must name at least one pool");
        }

        errors.AddRange(Slots.Where(s => s.Value < 1).Select(s => $"Workers:Slots:{s.Key} must be at least 1 (was {s.Value})"));
        if (Lease < TimeSpan.FromSeconds(1))
        {
            errors.Add("Workers:Lease must be at least 1 second");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            errors.Add("Workers:PollInterval must be positive");
        }

        if (CompletionBatch < 1)
        {
            errors.Add("Workers:CompletionBatch must be at least 1");
        }

        return errors;
    }
}
