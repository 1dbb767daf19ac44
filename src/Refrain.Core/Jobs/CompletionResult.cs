namespace Refrain.Jobs;

/// <summary>How many completions of a batch were committed and how many were refused by fencing.</summary>
public sealed record CompletionResult(int Committed, int Fenced, IReadOnlyList<CompletedJob> Jobs)
{
    /// <summary>Runs whose last job this batch completed.</summary>
    public IReadOnlyList<long> EndedRuns { get; init; } = [];
}

/// <summary>A committed completion: enough to update metrics and runs.</summary>
public sealed record CompletedJob(long Id, string Source, string JobType, string State, long? RunId);
