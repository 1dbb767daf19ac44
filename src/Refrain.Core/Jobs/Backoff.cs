namespace Refrain.Jobs;

/// <summary>Retry delay: <c>min(6 h, 30 s × 2^(attempt−1)) × uniform(0.8, 1.2)</c>.</summary>
public static class Backoff
{
    public static readonly TimeSpan Base = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Cap = TimeSpan.FromHours(6);

    /// <param name="attempt">Executions so far, the first included (1 for the first retry).</param>
    /// <param name="unit">A value in [0, 1) that picks the jitter; <see cref="Random.Shared"/> when null.</param>
    public static TimeSpan Delay(int attempt, double? unit = null)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var raw = Math.Min(Cap.TotalSeconds, Base.TotalSeconds * Math.Pow(2, exponent));
        var jitter = 0.8 + (0.4 * (unit ?? Random.Shared.NextDouble()));
        return TimeSpan.FromSeconds(raw * jitter);
    }
}
