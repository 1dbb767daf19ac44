using System.Globalization;
using Refrain.Scheduling;

namespace Refrain.Admin.Schedules;

/// <summary>
/// The edit form's fields as typed (strings, so a bad value is shown back exactly), and the per-field errors. The rules
/// are the API's: <see cref="ScheduleService.Validate"/> for cron, zone and policies, and the API's misfire-threshold
/// range.
/// </summary>
internal sealed class ScheduleForm
{
    public string Cron { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public string Overlap { get; set; } = OverlapPolicy.Skip;
    public string Misfire { get; set; } = MisfirePolicy.Once;
    public string MisfireThresholdSeconds { get; set; } = "60";
    public string Notify { get; set; } = "failure";

    /// <summary>Field (the API's member name, e.g. <c>time_zone</c>) → one-line error.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    public static ScheduleForm From(ScheduleRecord s) => new()
    {
        Cron = s.Cron, TimeZone = s.TimeZone, Overlap = s.Overlap, Misfire = s.Misfire, Notify = s.Notify,
        MisfireThresholdSeconds = s.MisfireThreshold.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The definition to store, keeping what the form does not edit (name, owner, job, args, origin); null with <see cref="Errors"/> set when a value is out of range.</summary>
    public ScheduleDefinition? ToDefinition(ScheduleRecord existing)
    {
        if (!double.TryParse(MisfireThresholdSeconds?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold)
            || threshold is < 0 or > SchedulesApi.MaxMisfireThresholdSeconds || double.IsNaN(threshold))
        {
            Errors["misfire_threshold_seconds"] = $"misfire threshold must be a number of seconds from 0 to {SchedulesApi.MaxMisfireThresholdSeconds.ToString(CultureInfo.InvariantCulture)}";
            return null;
        }

        return new ScheduleDefinition(existing.Name, Cron ?? "", $"{existing.Source}/{existing.JobType}")
        {
            TimeZone = (TimeZone ?? "").Trim(), Args = existing.Args, Overlap = Overlap ?? "", Misfire = Misfire ?? "",
            MisfireThreshold = TimeSpan.FromSeconds(threshold), Notify = Notify ?? "", AccountId = existing.AccountId, Origin = existing.Origin,
        };
    }
}
