namespace Refrain.Runs;

/// <summary>One execution of a sweep or trigger and all the jobs it spawned.</summary>
public sealed class RunRecord
{
    public long Id { get; set; }
    public long? AccountId { get; set; }
    public string Kind { get; set; } = "";
    public string TriggerType { get; set; } = "";
    public string? RequestedBy { get; set; }
    public string? ScheduleName { get; set; }
    public long? FireTime { get; set; }
    public string State { get; set; } = "";
    public long? RootJobId { get; set; }
    public long CreatedAt { get; set; }
    public long? EndedAt { get; set; }
    public long Total { get; set; }
    public long Succeeded { get; set; }
    public long NoData { get; set; }
    public long Failed { get; set; }
    public long Dead { get; set; }
    public long Cancelled { get; set; }
    public string? Summary { get; set; }

    public long Pending => Total - Succeeded - NoData - Failed - Dead - Cancelled;
}
