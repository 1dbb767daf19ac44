namespace Refrain.Scheduling;

/// <summary>IANA time zone lookup with a clear error.</summary>
public static class TimeZones
{
    public static TimeZoneInfo Find(string id) =>
        TryFind(id, out var zone) ? zone : throw new ScheduleValidationException($"unknown time zone '{id}' (use an IANA name such as Europe/Berlin)");

    /// <summary>The zone of <paramref name="id"/> (UTC by name on every system), or false when there is none.</summary>
    public static bool TryFind(string id, out TimeZoneInfo zone)
    {
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }
}
