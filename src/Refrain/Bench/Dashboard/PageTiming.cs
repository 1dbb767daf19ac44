namespace Refrain.Bench.Dashboard;

/// <summary>One page's timings in milliseconds (request sent to body read), or why it was not timed.</summary>
internal sealed record PageTiming(string Name, string Path, int Status, int Requests, double P50Ms, double P95Ms, double MaxMs, string? Skipped)
{
    public static PageTiming From(string name, string path, IReadOnlyList<double> ms)
    {
        var sorted = ms.Order().ToArray();
        return new PageTiming(name, path, 200, sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[^1], null);
    }

    public static PageTiming Skip(string name, string path, int status, string why) => new(name, path, status, 0, 0, 0, 0, why);

    /// <summary>Nearest rank: the smallest sample with at least <paramref name="p"/> of the samples at or below it.</summary>
    private static double Percentile(double[] sorted, double p) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
}
