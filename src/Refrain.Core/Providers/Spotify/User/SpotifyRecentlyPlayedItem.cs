namespace Refrain.Providers.Spotify;

/// <summary>
/// One play-history item: the track as Spotify sent it and <c>played_at</c> (the END of the play) in Unix ms, truncated to
/// the second as every stored play is.
/// </summary>
public sealed record SpotifyRecentlyPlayedItem(SpotifyTrackDocument Track, long PlayedAt);
