namespace Refrain.Sandbox;

/// <summary>A Spotify album: <see cref="AlbumType"/> is <c>album</c>, <c>single</c> or <c>compilation</c>; the release date is <c>YYYY-MM-DD</c>.</summary>
public sealed record SandboxAlbum(string Id, string Name, string AlbumType, string ReleaseDate, IReadOnlyList<SandboxArtist> Artists)
{
    /// <summary>Tracks on the album (set while the catalog is built).</summary>
    public int TotalTracks { get; internal set; }
}
