using System.Collections.Concurrent;

namespace Refrain.Sandbox;

/// <summary>Requests received per endpoint (refused ones included) and 429s served.</summary>
internal sealed class SandboxStats
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _tooManyRequests;
    private long _faults;

    /// <summary>Injected faults served: 5xx answers, hangs and malformed bodies.</summary>
    public long Faults => Interlocked.Read(ref _faults);

    public void CountFault() => Interlocked.Increment(ref _faults);

    public long TooManyRequests => Interlocked.Read(ref _tooManyRequests);

    public void Count(string endpoint) => _counts.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    public void CountTooManyRequests() => Interlocked.Increment(ref _tooManyRequests);

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);
}
