using System.Diagnostics;
using System.Globalization;
using Refrain.Matching;

namespace Refrain.Bench;

/// <summary>Times each decision separately and prints the distribution, so the p99 is per call rather than per iteration.</summary>
internal static class LatencyProbe
{
    public static void Run(int calls, TextWriter output)
    {
        var matcher = new SpotifyMatcher();
        foreach (var workload in new[] { "latin", "japanese" })
        {
            var (song, candidates) = MatcherWorkload.For(workload);
            for (var i = 0; i < 20_000; i++)
            {
                matcher.Decide(song, candidates);
            }

            var samples = new double[calls];
            var verdict = default(MatchVerdict);
            for (var i = 0; i < calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                verdict = matcher.Decide(song, candidates).Verdict;
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            Array.Sort(samples);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{workload,-9} 20 candidates, {calls} calls ({verdict}): p50 {At(samples, 0.50):F1} µs  p90 {At(samples, 0.90):F1} µs  p99 {At(samples, 0.99):F1} µs  p99.9 {At(samples, 0.999):F1} µs  max {samples[^1]:F1} µs"));
        }
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
