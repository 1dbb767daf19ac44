namespace Refrain.Matching;

/// <summary>What <see cref="SpotifyMatcher.Decide"/> concluded.</summary>
public enum MatchVerdict
{
    /// <summary>The best candidate is above the floor and clears the margin over every different recording.</summary>
    Accepted,

    /// <summary>A different recording scores within the margin of the best candidate: a human decides.</summary>
    Ambiguous,

    /// <summary>No candidate reaches the floor.</summary>
    BelowFloor,

    /// <summary>There was nothing to score.</summary>
    NoCandidates,
}
