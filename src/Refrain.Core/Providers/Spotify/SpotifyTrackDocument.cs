namespace Refrain.Providers.Spotify;

/// <summary>A track as read, and its JSON exactly as Spotify sent it (what the track cache stores).</summary>
public sealed record SpotifyTrackDocument(SpotifyTrack Track, string Json);
