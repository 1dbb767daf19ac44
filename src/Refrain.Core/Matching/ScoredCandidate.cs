using Refrain.Providers.Spotify;

namespace Refrain.Matching;

/// <summary>A Spotify track with its score for one song.</summary>
public sealed record ScoredCandidate(SpotifyTrack Track, ScoreBreakdown Breakdown)
{
    public double Score => Breakdown.Total;
}
