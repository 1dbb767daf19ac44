namespace Refrain.Matching;

/// <summary>
/// The matcher's decision for one song. <see cref="Candidates"/> holds every distinct candidate, best first
/// (<see cref="Best"/> first, then by score descending, then by Spotify id); <see cref="Best"/> is the chosen
/// track when <see cref="MatchVerdict.Accepted"/>, otherwise the top-scoring one (null only for
/// <see cref="MatchVerdict.NoCandidates"/>).
/// </summary>
public sealed record MatchDecision(MatchVerdict Verdict, ScoredCandidate? Best, IReadOnlyList<ScoredCandidate> Candidates, string MatcherVersion);
