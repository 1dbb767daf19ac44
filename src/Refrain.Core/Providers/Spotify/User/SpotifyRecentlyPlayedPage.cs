namespace Refrain.Providers.Spotify;

/// <summary>
/// One answer of <c>GET /v1/me/player/recently-played</c>: the plays, newest first, and <c>cursors.after</c> (the newest
/// play's end in Unix ms), null when the answer has no cursors (no plays since the cursor asked with).
/// </summary>
public sealed record SpotifyRecentlyPlayedPage(IReadOnlyList<SpotifyRecentlyPlayedItem> Items, long? After);
