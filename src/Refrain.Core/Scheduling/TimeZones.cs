namespace Refrain.Scheduling;

/// <summary>IANA time zone lookup with a clear error.</summary>
public static class TimeZones
{
    public static TimeZoneInfo Find(string id)
    {
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : throw new ScheduleValidationException($"unknown time zone '{id}' (use an IANA name such as Europe/Berlin)");
    }
}
