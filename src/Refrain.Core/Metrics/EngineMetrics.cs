using System.Collections.Concurrent;

namespace Refrain.Metrics;

/// <summary>
/// In-process counters of this node: claims, committed outcomes, execution durations, and every provider response by
/// status and every 429 by reason. Counters start at zero with the process, as Prometheus expects of a counter.
/// </summary>
public sealed class EngineMetrics
{
    private readonly ConcurrentDictionary<(string Source, string JobType, string State), long> _outcomes = new();
    private readonly ConcurrentDictionary<(string Source, string JobType), DurationHistogram> _durations = new();
    private readonly ConcurrentDictionary<(string Provider, string Status), long> _providerResponses = new();
    private readonly ConcurrentDictionary<(string Provider, string Reason), long> _throttled = new();
    private long _claims;

    public long Claims => Interlocked.Read(ref _claims);

    public IReadOnlyDictionary<(string Source, string JobType, string State), long> Outcomes => _outcomes;

    /// <summary>How long handlers ran, per source and job type (every execution, whatever its outcome).</summary>
    public IReadOnlyDictionary<(string Source, string JobType), DurationHistogram> Durations => _durations;

    /// <summary>Provider responses by HTTP status code, or <c>timeout</c> / <c>error</c> when none came.</summary>
    public IReadOnlyDictionary<(string Provider, string Status), long> ProviderResponses => _providerResponses;

    /// <summary>429 answers by reason: <c>quota</c> when the body says the quota is exceeded, else <c>rate</c>.</summary>
    public IReadOnlyDictionary<(string Provider, string Reason), long> Throttled => _throttled;

    public void OnClaimed(int n) => Interlocked.Add(ref _claims, n);

    public void OnOutcome(string source, string jobType, string state) =>
        _outcomes.AddOrUpdate((source, jobType, state), 1, static (_, v) => v + 1);

    public void OnExecuted(string source, string jobType, TimeSpan elapsed) =>
        _durations.GetOrAdd((source, jobType), static _ => new DurationHistogram()).Observe(elapsed.TotalSeconds);

    public void OnProviderResponse(string provider, string status) =>
        _providerResponses.AddOrUpdate((provider, status), 1, static (_, v) => v + 1);

    public void OnThrottled(string provider, string reason) =>
        _throttled.AddOrUpdate((provider, reason), 1, static (_, v) => v + 1);
}
