using Refrain.Providers;
using Refrain.Storage;

namespace Refrain.Jobs;

/// <summary>What a handler gets besides its token: the job, services, the clock, and the provider gate.</summary>
public sealed class JobContext(JobRecord job, IServiceProvider services, RefrainStore store, ProviderGate gate, TimeProvider time)
{
    public JobRecord Job { get; } = job;
    public IServiceProvider Services { get; } = services;
    public RefrainStore Store { get; } = store;
    public ProviderGate Gate { get; } = gate;
    public TimeProvider Time { get; } = time;

    /// <summary>
    /// Asks the job's provider for one request. Null means go ahead; otherwise the snooze to return (paused or no token in the window).
    /// </summary>
    public async Task<JobOutcome?> AcquireRequestAsync(CancellationToken cancellationToken)
    {
        if (Job.Provider is not { } provider)
        {
            return null;
        }

        var decision = await Gate.TryAcquireAsync(provider, cancellationToken);
        return decision.Granted ? null : new JobOutcome.Snooze(decision.RetryAt ?? Time.GetUtcNow().AddSeconds(1), PauseReason.Rate);
    }

    /// <summary>
    /// Maps a provider response to an outcome; null for a 2xx (the handler parses it). A 429 pauses the provider until
    /// <c>Retry-After</c> and snoozes the job without spending an attempt.
    /// </summary>
    public async Task<JobOutcome?> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken, bool overloadedMeansTooMany = false)
    {
        var verdict = HttpOutcomes.Classify(response.StatusCode, overloadedMeansTooMany);
        var status = (int)response.StatusCode;
        switch (verdict)
        {
            case HttpVerdict.Success:
                return null;
            case HttpVerdict.NoData:
                return new JobOutcome.NoData($"HTTP {status}: not found");
            case HttpVerdict.TooManyRequests:
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var reason = HttpOutcomes.IsQuotaBody(body) ? PauseReason.Quota : PauseReason.Rate;
                var retryAfter = RetryAfter.Read(response, Time.GetUtcNow());
                var until = Job.Provider is { } provider
                    ? await Gate.PauseAfterTooManyRequestsAsync(provider, retryAfter, reason, cancellationToken)
                    : Time.GetUtcNow() + (retryAfter ?? TimeSpan.FromSeconds(30));
                return new JobOutcome.Snooze(until, reason);
            case HttpVerdict.Retry:
                return new JobOutcome.Retry($"HTTP {status}", RetryAfter.Read(response, Time.GetUtcNow()));
            default:
                return new JobOutcome.Permanent($"HTTP {status}");
        }
    }

    /// <summary>Enqueues child jobs linked to this job's run (a sweep's fan-out), in multi-row statements.</summary>
    public Task<int> EnqueueChildrenAsync(IReadOnlyList<NewJob> jobs, CancellationToken cancellationToken) =>
        Store.EnqueueManyAsync(jobs.Select(j => j with { RunId = Job.RunId, AccountId = j.AccountId ?? Job.AccountId }).ToList(), cancellationToken);
}
