namespace Refrain.Jobs;

/// <summary>Turns a handler's outcome into the job's next state (DESIGN §4): backoff, max attempts, snooze refunds.</summary>
public static class Outcomes
{
    /// <summary>Unparseable 2xx responses tolerated before the job fails permanently.</summary>
    public const int MaxParseFailures = 3;

    /// <param name="job">The claimed job; its <c>Attempts</c> already counts this execution.</param>
    public static Completion ToCompletion(JobRecord job, JobOutcome outcome, DateTimeOffset now, double? jitter = null)
    {
        var token = job.LeaseToken ?? 0;
        return outcome switch
        {
            JobOutcome.Succeeded s => new Completion(job.Id, token, JobState.Succeeded) { Detail = s.Detail },
            JobOutcome.NoData n => new Completion(job.Id, token, JobState.NoData) { Detail = n.Reason },
            JobOutcome.Permanent p => new Completion(job.Id, token, JobState.Failed) { Error = p.Error },
            JobOutcome.Snooze z => new Completion(job.Id, token, JobState.Pending)
            {
                RunAt = z.Until > now ? z.Until : now, Reason = $"snoozed: {z.Reason}", RefundAttempt = 1,
            },
            JobOutcome.Retry r when r.Unparseable && job.ParseFailures + 1 >= MaxParseFailures =>
                new Completion(job.Id, token, JobState.Failed) { Error = $"{r.Error} ({MaxParseFailures} unparseable responses)", ParseFailure = 1 },
            JobOutcome.Retry r when job.Attempts >= job.MaxAttempts =>
                new Completion(job.Id, token, JobState.Dead) { Error = r.Error, ParseFailure = r.Unparseable ? 1 : 0 },
            JobOutcome.Retry r => new Completion(job.Id, token, JobState.Pending)
            {
                RunAt = now + (r.After ?? Backoff.Delay(job.Attempts, jitter)), Reason = "retry", Error = r.Error,
                ParseFailure = r.Unparseable ? 1 : 0,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown outcome"),
        };
    }

    /// <summary>Gives a claimed job back untouched (shutdown): due now, attempt refunded.</summary>
    public static Completion Release(JobRecord job, DateTimeOffset now) =>
        new(job.Id, job.LeaseToken ?? 0, JobState.Pending) { RunAt = now, Reason = "released", RefundAttempt = 1 };
}
