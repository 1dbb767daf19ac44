namespace Refrain.Rematch;

/// <summary>
/// Body of <c>POST /api/reviews/duration-mismatches/{song_id}</c>: <c>action</c> is <c>accept</c> (with
/// <c>spotify_track_id</c>, 22 base-62 characters), <c>keep</c>, <c>no_equivalent</c> or <c>unlink</c>.
/// </summary>
public sealed record ReviewDecisionRequest(string Action, string? SpotifyTrackId = null);
