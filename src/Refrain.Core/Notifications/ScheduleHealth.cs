namespace Refrain.Notifications;

/// <summary>A schedule as the staleness check sees it: its cron, and when it last succeeded (a run's end; null = never).</summary>
public sealed class ScheduleHealth
{
    public long Id { get; set; }
    public long? AccountId { get; set; }
    public string Name { get; set; } = "";
    public string Cron { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public bool Enabled { get; set; }
    public long CreatedAt { get; set; }
    public long? LastSuccessAt { get; set; }
}
