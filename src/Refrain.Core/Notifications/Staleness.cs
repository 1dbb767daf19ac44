using Refrain.Scheduling;

namespace Refrain.Notifications;

/// <summary>
/// When a schedule is stale: it has not succeeded since a fire time <c>F</c> by the following fire time (<c>F</c> plus the
/// gap to the next one). <c>F</c> is the first fire time after its last success (or its creation, if it never succeeded).
/// </summary>
public static class Staleness
{
    /// <summary>The fire time the schedule has missed succeeding since, or null when it is not stale at <paramref name="now"/>.</summary>
    public static DateTimeOffset? MissedSince(ScheduleHealth schedule, DateTimeOffset now)
    {
        if (!schedule.Enabled || !CronExpression.TryParse(schedule.Cron, out var cron, out _))
        {
            return null;
        }

        if (!TimeZones.TryFind(schedule.TimeZone, out var zone))
        {
            return null;
        }

        var since = DateTimeOffset.FromUnixTimeMilliseconds(schedule.LastSuccessAt ?? schedule.CreatedAt);
        if (cron.GetNextOccurrence(since, zone) is not { } fire || cron.GetNextOccurrence(fire, zone) is not { } following)
        {
            return null;
        }

        return now > following ? fire : null;
    }
}
