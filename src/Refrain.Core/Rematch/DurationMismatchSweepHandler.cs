using System.Text.Json;
using Refrain.Jobs;

namespace Refrain.Rematch;

/// <summary>
/// <c>('spotify', 'sweep_duration_mismatches')</c>: one set-based statement enqueues a re-match job for every song whose
/// linked track's duration is more than the threshold off the canonical one, in this sweep's run.
/// </summary>
public sealed class DurationMismatchSweepHandler : IJobHandler
{
    public const string Source = "spotify";
    public const string JobType = "sweep_duration_mismatches";

    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        SweepArgs args;
        try
        {
            args = SweepArgs.Parse(context.Job.Args);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return new JobOutcome.Permanent($"invalid args: {ex.Message}");
        }

        var enqueued = await context.Store.EnqueueDurationMismatchesAsync(
            context.Job.RunId, context.Job.AccountId, args.ThresholdSeconds * 1000L, args.ToJson(), cancellationToken);
        return JobOutcome.Success($"enqueued {enqueued} re-match jobs (threshold {args.ThresholdSeconds} s)");
    }
}
