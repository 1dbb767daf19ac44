using System.Text.Json;

namespace Refrain.Scheduling;

/// <summary>
/// The body of <c>PUT /api/schedules/{name}</c>: the whole schedule, so an omitted member takes its default rather than
/// keeping the stored value. <c>enabled</c> is the exception: omitted, a new schedule is enabled and an existing one keeps
/// its state.
/// </summary>
/// <param name="Cron">5 fields, 6 with seconds first, or <c>@daily</c> and friends.</param>
/// <param name="Job">The job to enqueue as <c>source/job_type</c>, e.g. <c>spotify/rematch_duration_mismatches</c>.</param>
public sealed record SchedulePut(string Cron, string Job)
{
    /// <summary>IANA time zone the cron is read in. Default UTC.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The job's args, a JSON object. Default <c>{}</c>.</summary>
    public JsonElement? Args { get; init; }

    /// <summary><c>skip</c> (default): no new run while the previous one is active; <c>allow</c>.</summary>
    public string Overlap { get; init; } = OverlapPolicy.Skip;

    /// <summary><c>once</c> (default): one catch-up run for missed fire times; <c>skip</c>: none.</summary>
    public string Misfire { get; init; } = MisfirePolicy.Once;

    /// <summary>How late a fire time may be and still count as on time. Default 60.</summary>
    public double MisfireThresholdSeconds { get; init; } = 60;

    /// <summary><c>failure</c> (default), <c>always</c> or <c>never</c>.</summary>
    public string Notify { get; init; } = "failure";

    /// <summary>Whether the schedule fires; omitted keeps an existing schedule's state (a new one is enabled).</summary>
    public bool? Enabled { get; init; }
}
