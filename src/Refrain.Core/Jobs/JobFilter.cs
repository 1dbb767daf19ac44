namespace Refrain.Jobs;

/// <summary>Selects jobs for listing and bulk operations.</summary>
public sealed record JobFilter
{
    public long? JobId { get; init; }
    public string? Source { get; init; }
    public string? JobType { get; init; }
    public string? State { get; init; }
    public long? RunId { get; init; }
    public long? AccountId { get; init; }
    public string? Query { get; init; }
    public long? AfterId { get; init; }
    public int Limit { get; init; } = 100;
}
