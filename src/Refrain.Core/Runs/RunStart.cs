namespace Refrain.Runs;

/// <summary>What starts a run: its kind, owner, trigger (<c>schedule</c>, <c>manual</c>, <c>api</c>, <c>event</c>) and who asked.</summary>
public sealed record RunStart(string Kind, long? AccountId, string TriggerType, string? RequestedBy)
{
    public string? ScheduleName { get; init; }
    public DateTimeOffset? FireTime { get; init; }
}
