namespace Refrain.Scheduling;

/// <summary>A schedule as configuration, the CLI or the API declare it, before validation.</summary>
public sealed record ScheduleDefinition(string Name, string Cron, string Job)
{
    public string TimeZone { get; init; } = "UTC";
    public string Args { get; init; } = "{}";
    public string Overlap { get; init; } = OverlapPolicy.Skip;
    public string Misfire { get; init; } = MisfirePolicy.Once;
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromSeconds(60);
    public string Notify { get; init; } = "failure";
    public long? AccountId { get; init; }
    public string Origin { get; init; } = "runtime";
}
