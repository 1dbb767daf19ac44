namespace Refrain.Scheduling;

/// <summary>A persisted schedule. Account null is a system schedule, seen and changed by admins only.</summary>
public sealed class ScheduleRecord
{
    public long Id { get; set; }
    public long? AccountId { get; set; }
    public string Name { get; set; } = "";
    public string Cron { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public string Source { get; set; } = "";
    public string JobType { get; set; } = "";
    public string Args { get; set; } = "{}";
    public bool Enabled { get; set; } = true;

    /// <summary><c>skip</c> (default): no new run while the previous is active; <c>allow</c>.</summary>
    public string Overlap { get; set; } = OverlapPolicy.Skip;

    /// <summary><c>once</c> (default): one catch-up run for all missed fire times; <c>skip</c>: none.</summary>
    public string Misfire { get; set; } = MisfirePolicy.Once;

    public long MisfireThresholdMs { get; set; } = 60_000;

    /// <summary><c>failure</c> (default), <c>always</c>, <c>never</c>.</summary>
    public string Notify { get; set; } = "failure";

    /// <summary><c>config</c> or <c>runtime</c>.</summary>
    public string Origin { get; set; } = "runtime";

    public long? NextFireAt { get; set; }
    public long? LastFireAt { get; set; }
    public long? LastRunId { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }

    public TimeSpan MisfireThreshold => TimeSpan.FromMilliseconds(MisfireThresholdMs);

    public DateTimeOffset? NextFire => NextFireAt is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    public DateTimeOffset? LastFire => LastFireAt is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
