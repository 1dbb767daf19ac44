namespace Refrain.Jobs;

/// <summary>A job's end of execution, ready to be written in a batch and fenced by its lease token.</summary>
public sealed record Completion(long JobId, long LeaseToken, string State)
{
    public DateTimeOffset? RunAt { get; init; }
    public string? Reason { get; init; }
    public string? Error { get; init; }
    public string? Detail { get; init; }

    /// <summary>1 when the attempt is given back (snooze, release on shutdown).</summary>
    public int RefundAttempt { get; init; }

    public int ParseFailure { get; init; }
}
