using System.Collections.Concurrent;

namespace Refrain.Metrics;

/// <summary>In-process counters of this node: claims and committed outcomes by source, job type and state.</summary>
public sealed class EngineMetrics
{
    private readonly ConcurrentDictionary<(string Source, string JobType, string State), long> _outcomes = new();
    private long _claims;

    public long Claims => Interlocked.Read(ref _claims);

    public IReadOnlyDictionary<(string Source, string JobType, string State), long> Outcomes => _outcomes;

    public void OnClaimed(int n) => Interlocked.Add(ref _claims, n);

    public void OnOutcome(string source, string jobType, string state) =>
        _outcomes.AddOrUpdate((source, jobType, state), 1, static (_, v) => v + 1);
}
