using Refrain.Providers.Spotify;

namespace Refrain.Matching;

/// <summary>
/// Scores Spotify candidates for a catalog song and decides whether one of them is the song (DESIGN.md §7).
/// Pure and thread-safe: the same song and candidates always give the same decision.
/// </summary>
public sealed class SpotifyMatcher
{
    /// <summary>The default <see cref="MatcherOptions.Version"/>; bump on any scoring change.</summary>
    public const string Version = "1";

    // Scores are rounded to four decimals, so anything smaller is float noise.
    private const double Epsilon = 1e-9;

    private readonly MatcherOptions _options;

    public SpotifyMatcher(MatcherOptions? options = null)
    {
        _options = options ?? new MatcherOptions();
    }

    /// <summary>
    /// Accepted when the best candidate reaches <see cref="MatcherOptions.Floor"/> and leads the best candidate that is not
    /// the same recording by <see cref="MatcherOptions.Margin"/>; the chosen track is then, among the best candidate's
    /// equivalents, an album track before a single before a compilation, then the earliest release, then the higher score.
    /// Ties are broken by Spotify id (ordinal); a repeated id is scored once.
    /// </summary>
    public MatchDecision Decide(SongFacts song, IReadOnlyList<SpotifyTrack> candidates)
    {
        var scored = ScoreAll(song, candidates);
        if (scored.Count == 0)
        {
            return new MatchDecision(MatchVerdict.NoCandidates, null, [], _options.Version);
        }

        var top = scored[0];
        if (top.Scored.Score < _options.Floor - Epsilon)
        {
            return Decision(MatchVerdict.BelowFloor, top, scored);
        }

        var rival = scored.Find(c => !SameRecording(top.Facts, c.Facts));
        if (rival is not null && top.Scored.Score - rival.Scored.Score < _options.Margin - Epsilon)
        {
            return Decision(MatchVerdict.Ambiguous, top, scored);
        }

        var chosen = scored
            .Where(c => SameRecording(top.Facts, c.Facts) && c.Scored.Score >= _options.Floor - Epsilon)
            .OrderBy(c => c.Facts.AlbumTypeRank)
            .ThenBy(c => c.Facts.ReleaseKey)
            .ThenByDescending(c => c.Scored.Score)
            .ThenBy(c => c.Scored.Track.Id, StringComparer.Ordinal)
            .First();
        return Decision(MatchVerdict.Accepted, chosen, scored);
    }

    /// <summary>The score of one candidate, explained.</summary>
    public ScoredCandidate Score(SongFacts song, SpotifyTrack candidate) =>
        new(candidate, MatchScoring.Score(PreparedFacts.From(song), PreparedFacts.From(candidate)));

    /// <summary>
    /// Same ISRC, durations within 2 s, the same normalised title (versions included) and the same artists (feat.
    /// credits count wherever they are written; a credit list that only leaves out others' featured artists still agrees).
    /// </summary>
    public bool SameRecording(SpotifyTrack a, SpotifyTrack b) =>
        SameRecording(PreparedFacts.From(a), PreparedFacts.From(b));

    private static bool SameRecording(PreparedFacts a, PreparedFacts b)
    {
        if (ReferenceEquals(a, b) || (a.Track is { Id.Length: > 0 } ta && b.Track is { } tb && string.Equals(ta.Id, tb.Id, StringComparison.Ordinal)))
        {
            return true;
        }

        return a.Isrc is not null
            && string.Equals(a.Isrc, b.Isrc, StringComparison.Ordinal)
            && a.DurationMs is { } da && b.DurationMs is { } db && Math.Abs(da - db) <= MatchScoring.SameRecordingMs
            && string.Equals(a.Title.Key, b.Title.Key, StringComparison.Ordinal)
            && a.Artists.SameArtists(b.Artists);
    }

    private static List<Candidate> ScoreAll(SongFacts song, IReadOnlyList<SpotifyTrack> candidates)
    {
        var scored = new List<Candidate>(candidates.Count);
        if (candidates.Count == 0)
        {
            return scored;
        }

        var prepared = PreparedFacts.From(song);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var track in candidates)
        {
            if (track is null || !seen.Add(track.Id))
            {
                continue;
            }

            var facts = PreparedFacts.From(track);
            scored.Add(new Candidate(facts, new ScoredCandidate(track, MatchScoring.Score(prepared, facts))));
        }

        scored.Sort(static (x, y) =>
        {
            var byScore = y.Scored.Score.CompareTo(x.Scored.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(x.Scored.Track.Id, y.Scored.Track.Id);
        });
        return scored;
    }

    private MatchDecision Decision(MatchVerdict verdict, Candidate best, List<Candidate> scored)
    {
        var ordered = new List<ScoredCandidate>(scored.Count) { best.Scored };
        ordered.AddRange(scored.Where(c => !ReferenceEquals(c, best)).Select(c => c.Scored));
        return new MatchDecision(verdict, best.Scored, ordered, _options.Version);
    }

    private sealed record Candidate(PreparedFacts Facts, ScoredCandidate Scored);
}
