using Refrain.Runs;
using Refrain.Scheduling;

namespace Refrain.Admin.Overview;

/// <summary>A schedule that needs a look: its last run failed or completed with errors, or it has gone stale.</summary>
/// <param name="MissedSince">For a stale schedule, the fire time it has not succeeded since.</param>
internal sealed record ScheduleAlert(ScheduleRecord Schedule, string Account, RunRecord? LastRun, DateTimeOffset? LastSuccess, DateTimeOffset? MissedSince);
