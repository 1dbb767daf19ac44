namespace Refrain.Jobs;

/// <summary>One row of the queue as the store returns it.</summary>
public sealed class JobRecord
{
    public long Id { get; init; }
    public long? AccountId { get; init; }
    public required string Source { get; init; }
    public required string JobType { get; init; }
    public string? Subject { get; init; }
    public string? UniqueKey { get; init; }
    public string Args { get; init; } = "{}";
    public string? Provider { get; init; }
    public required string State { get; init; }
    public int Priority { get; init; }
    public int Attempts { get; init; }
    public int MaxAttempts { get; init; }
    public int ParseFailures { get; init; }
    public DateTimeOffset RunAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public long? LeaseToken { get; init; }
    public string? WorkerId { get; init; }
    public long? RunId { get; init; }
    public string? Reason { get; init; }
    public string? LastError { get; init; }
    public string? Detail { get; init; }
}
