using Refrain.Runs;

namespace Refrain.Scheduling;

/// <summary>One of a schedule's recent runs: enough to see whether it worked; the whole run is at <c>/api/tasks/runs/{id}</c>.</summary>
public sealed record ScheduleRunResponse(
    long Id, string State, string TriggerType, DateTimeOffset? FireTime, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, RunCounts Counts)
{
    public static ScheduleRunResponse From(RunRecord r) => new(
        r.Id, r.State, r.TriggerType, r.FireTime is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null,
        DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), r.EndedAt is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
        new RunCounts(r.Total, r.Pending, r.Succeeded, r.NoData, r.Failed, r.Dead, r.Cancelled));
}
