using System.Text.Json;

namespace Refrain.Rematch;

/// <summary>
/// A song's review state on the wire, the fields of <c>refrain review list --json</c>: the canonical and linked durations and
/// their delta, why it waits for a human, the matcher's score and breakdown, and its top candidates with their score
/// breakdowns; plus the link's state and who decided it (after a decision: <c>reviewer</c>).
/// </summary>
public sealed record ReviewResponse(
    long SongId, long AccountId, string Title, IReadOnlyList<string> Artists, string? Album, string? Isrc, long? CanonicalDurationMs,
    string? SpotifyTrackId, long? LinkedDurationMs, double? DeltaSeconds, string? State, string? DecidedBy, string? Reason, double? Score,
    string? MatcherVersion, JsonElement? Breakdown, JsonElement? Candidates)
{
    public static ReviewResponse From(SongLink s) => new(
        s.SongId, s.AccountId, s.Title, s.ArtistList, s.Album, s.Isrc, s.DurationMs, s.SpotifyTrackId, s.TrackDurationMs,
        s.DurationMs is { } a && s.TrackDurationMs is { } b ? Math.Abs(a - b) / 1000.0 : null, s.State, s.DecidedBy, s.ReviewReason,
        s.Score, s.MatcherVersion, Parse(s.Breakdown), Parse(s.Candidates));

    private static JsonElement? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);
}
