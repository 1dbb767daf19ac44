using System.Text.Json;
using Refrain.Http;
using Refrain.Runs;

namespace Refrain.Scheduling;

/// <summary>
/// A schedule on the wire: its rule, its job, its policies, when it fires next (the stored next fire time and the next
/// five from now by its cron and zone) and its recent runs. A paused schedule does not fire: its <c>next_fire_at</c> is
/// null and <c>next_fire_times</c> empty until it is resumed.
/// </summary>
public sealed record ScheduleResponse(
    string Name, long? AccountId, string Cron, string TimeZone, string Job, string Source, string JobType, JsonElement Args, bool Enabled,
    string Overlap, string Misfire, double MisfireThresholdSeconds, string Notify, string Origin, DateTimeOffset? NextFireAt,
    DateTimeOffset? LastFireAt, IReadOnlyList<DateTimeOffset> NextFireTimes, IReadOnlyList<ScheduleRunResponse> LastRuns)
{
    /// <summary>How many upcoming fire times a schedule shows.</summary>
    public const int FireTimesShown = 5;

    /// <summary>How many recent runs a schedule shows.</summary>
    public const int RunsShown = 5;

    public static ScheduleResponse From(ScheduleRecord s, IEnumerable<RunRecord> lastRuns, DateTimeOffset now) => new(
        s.Name, s.AccountId, s.Cron, s.TimeZone, $"{s.Source}/{s.JobType}", s.Source, s.JobType, StoredJson.ToElement(s.Args), s.Enabled,
        s.Overlap, s.Misfire, s.MisfireThreshold.TotalSeconds, s.Notify, s.Origin, s.Enabled ? s.NextFire : null, s.LastFire,
        s.Enabled ? FireTimes(s, now) : [], lastRuns.Select(ScheduleRunResponse.From).ToList());

    private static IReadOnlyList<DateTimeOffset> FireTimes(ScheduleRecord s, DateTimeOffset now)
    {
        // A stored schedule was validated when written, but its zone may be missing from this host's time zone data.
        TimeZoneInfo zone;
        try
        {
            zone = TimeZones.Find(s.TimeZone);
        }
        catch (ScheduleValidationException)
        {
            return [];
        }

        return !CronExpression.TryParse(s.Cron, out var cron, out _) ? [] : cron.GetOccurrences(now, zone, FireTimesShown).Select(t => t.ToUniversalTime()).ToList();
    }
}
