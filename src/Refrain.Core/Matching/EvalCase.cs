using Refrain.Providers.Spotify;

namespace Refrain.Matching;

/// <summary>One labelled line of a matcher evaluation file.</summary>
/// <param name="Line">The 1-based line number in the file.</param>
/// <param name="Expected">The right Spotify id, or null when no candidate is the song.</param>
/// <param name="Acceptable">When given, every id that counts as right (<paramref name="Expected"/> counts too).</param>
public sealed record EvalCase(int Line, SongFacts Song, IReadOnlyList<SpotifyTrack> Candidates, string? Expected, IReadOnlyList<string>? Acceptable)
{
    public bool IsRight(string id) =>
        string.Equals(id, Expected, StringComparison.Ordinal) || (Acceptable?.Contains(id, StringComparer.Ordinal) ?? false);
}
