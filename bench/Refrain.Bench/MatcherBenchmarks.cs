using BenchmarkDotNet.Attributes;
using Refrain.Matching;
using Refrain.Providers.Spotify;

namespace Refrain.Bench;

/// <summary>One decision: a song against 20 candidates (the budget is p99 ≤ 2 ms).</summary>
public class MatcherBenchmarks
{
    private readonly SpotifyMatcher _matcher = new();
    private SongFacts _song = null!;
    private IReadOnlyList<SpotifyTrack> _candidates = null!;

    [Params("latin", "japanese")]
    public string Workload { get; set; } = "latin";

    [GlobalSetup]
    public void Setup() => (_song, _candidates) = MatcherWorkload.For(Workload);

    [Benchmark]
    public MatchDecision Decide20() => _matcher.Decide(_song, _candidates);
}
