namespace Refrain.Metrics;

/// <summary>
/// A Prometheus histogram of seconds with fixed buckets sized for jobs bound by HTTP calls: from a cached answer (5 ms)
/// through a slow provider (tens of seconds) to a handler's two-minute timeout.
/// </summary>
public sealed class DurationHistogram
{
    /// <summary>Upper bounds in seconds; the implicit last bucket is +Inf.</summary>
    public static readonly IReadOnlyList<double> Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly long[] _counts = new long[Bounds.Count + 1];
    private readonly Lock _lock = new();
    private double _sum;

    public void Observe(double seconds)
    {
        var i = 0;
        while (i < Bounds.Count && seconds > Bounds[i])
        {
            i++;
        }

        // A lock rather than Interlocked: the sum is a double, and a scrape must see the count and the sum of the same moment.
        lock (_lock)
        {
            _counts[i]++;
            _sum += seconds;
        }
    }

    /// <summary>Cumulative counts per bound (the last is +Inf, equal to the total count) and the sum.</summary>
    public (IReadOnlyList<long> Cumulative, double Sum) Snapshot()
    {
        lock (_lock)
        {
            var cumulative = new long[_counts.Length];
            long running = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                running += _counts[i];
                cumulative[i] = running;
            }

            return (cumulative, _sum);
        }
    }
}
