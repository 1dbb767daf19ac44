namespace Refrain.Jobs;

/// <summary>A worker's counters: claims, executions, committed completions and completions refused by fencing.</summary>
public sealed class WorkerStats
{
    private long _claimed;
    private long _executed;
    private long _committed;
    private long _fenced;
    private long _firstClaimTicks;
    private long _lastCommitTicks;

    public long Claimed => Interlocked.Read(ref _claimed);
    public long Executed => Interlocked.Read(ref _executed);
    public long Committed => Interlocked.Read(ref _committed);
    public long Fenced => Interlocked.Read(ref _fenced);

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the first claim that returned jobs.</summary>
    public long FirstClaimTimestamp => Interlocked.Read(ref _firstClaimTicks);

    /// <summary>Timestamp of the last committed completion batch.</summary>
    public long LastCommitTimestamp => Interlocked.Read(ref _lastCommitTicks);

    internal void OnClaimed(int n, long timestamp)
    {
        Interlocked.Add(ref _claimed, n);
        Interlocked.CompareExchange(ref _firstClaimTicks, timestamp, 0);
    }

    internal void OnExecuted() => Interlocked.Increment(ref _executed);

    internal void OnCommitted(int committed, int fenced, long timestamp)
    {
        Interlocked.Add(ref _committed, committed);
        Interlocked.Add(ref _fenced, fenced);
        Interlocked.Exchange(ref _lastCommitTicks, timestamp);
    }
}
