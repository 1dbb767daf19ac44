namespace Refrain.Providers.Snapshot;

/// <summary>One track's all-time Spotify play count; <see cref="Isrc"/> is null when the service did not report one.</summary>
public sealed record TrackPlaycount(string SpotifyTrackId, string? Isrc, long Playcount);
