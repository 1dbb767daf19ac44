namespace Refrain.Providers.Snapshot;

/// <summary>Today's play counts of every track of one Spotify album, as the snapshot service read them.</summary>
public sealed record AlbumPlaycounts(string AlbumId, IReadOnlyList<TrackPlaycount> Tracks);
