namespace Refrain.Jobs;

public sealed partial class Worker
{
    /// <summary>Runs one job's handler under its execution timeout and turns the outcome into a completion.</summary>
    internal async Task<Completion> ExecuteAsync(JobRecord job, CancellationToken hardStop)
    {
        Stats.OnExecuted();
        var started = time.GetTimestamp();
        var registration = registry.Find(job.Source, job.JobType);
        JobOutcome outcome;
        if (registration is null)
        {
            outcome = new JobOutcome.Permanent($"no handler for job '{job.Source}/{job.JobType}'");
        }
        else
        {
            using var timeout = new CancellationTokenSource(registration.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, hardStop);
            try
            {
                var handler = registration.Factory(services);
                var context = new JobContext(job, services, store, gate, time);
                // WaitAsync abandons a handler that ignores its token, so a hung handler cannot hold a slot forever.
                outcome = await handler.ExecuteAsync(context, linked.Token).WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
            {
                return Outcomes.Release(job, time.GetUtcNow());
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                outcome = new JobOutcome.Retry($"timed out after {registration.Timeout.TotalSeconds:0.###} s");
            }
            catch (Exception ex)
            {
                WorkerLog.HandlerThrew(logger, job.Id, job.Source, job.JobType, ex);
                outcome = HttpOutcomes.FromException(ex, CancellationToken.None);
            }
        }

        metrics.OnExecuted(job.Source, job.JobType, time.GetElapsedTime(started));
        return Outcomes.ToCompletion(job, outcome, time.GetUtcNow());
    }
}
