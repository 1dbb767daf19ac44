using System.Text.Json;

namespace Refrain.Jobs;

/// <summary>
/// <c>('system', 'noop')</c>: does nothing and succeeds; the benchmark's job. With args <c>{"work_ms": N}</c> it stands for N
/// milliseconds of work (cancellable), which crash and timeout drills use to hold a job mid-execution.
/// </summary>
internal sealed class NoopHandler : IJobHandler
{
    public const string Source = "system";
    public const string JobType = "noop";

    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (context.Job.Args.Length > 2 && context.Job.Args.Contains("work_ms", StringComparison.Ordinal))
        {
            using var doc = JsonDocument.Parse(context.Job.Args);
            if (doc.RootElement.TryGetProperty("work_ms", out var ms) && ms.TryGetInt32(out var work) && work > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(work), context.Time, cancellationToken);
            }
        }

        return JobOutcome.Success();
    }
}
