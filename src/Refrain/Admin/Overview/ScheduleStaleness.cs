using Refrain.Scheduling;

namespace Refrain.Admin.Overview;

/// <summary>
/// Issue 7's staleness rule: a schedule is stale when it has not succeeded since a fire time <c>F</c> by the fire time after
/// it (<c>F</c> plus the gap to the following one). <c>F</c> is the first fire time after its last success, or after its
/// creation when it never succeeded. A paused schedule is not stale: nobody expects it to run.
/// </summary>
internal static class ScheduleStaleness
{
    /// <summary>The fire time the schedule has not succeeded since, or null when it is not stale at <paramref name="now"/>.</summary>
    public static DateTimeOffset? MissedSince(ScheduleRecord schedule, DateTimeOffset? lastSuccess, DateTimeOffset now)
    {
        if (!schedule.Enabled || !CronExpression.TryParse(schedule.Cron, out var cron, out _))
        {
            return null;
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZones.Find(schedule.TimeZone);
        }
        catch (ScheduleValidationException)
        {
            return null;
        }

        var since = lastSuccess ?? DateTimeOffset.FromUnixTimeMilliseconds(schedule.CreatedAt);
        if (cron.GetNextOccurrence(since, zone) is not { } fire || cron.GetNextOccurrence(fire, zone) is not { } following)
        {
            return null;
        }

        return now > following ? fire.ToUniversalTime() : null;
    }
}
