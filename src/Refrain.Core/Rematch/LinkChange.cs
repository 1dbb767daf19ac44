namespace Refrain.Rematch;

/// <summary>
/// A decision about a song's link: the track it points to (null removes it, reviewers only), the link state
/// (<c>linked</c>, <c>review</c>, <c>no_equivalent</c>, <c>unlinked</c>), why, and the matcher's evidence.
/// </summary>
public sealed record LinkChange(long SongId, string? TrackId, long? TrackDurationMs, string State, string? Reason, string DecidedBy)
{
    public double? Score { get; init; }
    public string? Breakdown { get; init; }
    public string? Candidates { get; init; }
    public string? MatcherVersion { get; init; }
    public long? JobId { get; init; }
}
