namespace Refrain.Metrics;

/// <summary>A source's runnable backlog: pending jobs due now and the <c>run_at</c> (Unix ms) of the oldest of them.</summary>
public sealed record QueueStat(string Source, long Depth, long? OldestRunAt);
