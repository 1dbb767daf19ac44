namespace Refrain.Sandbox;

/// <summary>
/// A Spotify track. <see cref="Version"/> says what it is to its song: <c>original</c>, <c>single</c>, <c>compilation</c>
/// (those three are the same recording), <c>remaster</c>, <c>live</c>, <c>radio_edit</c>, <c>acoustic</c>, <c>remix</c>,
/// <c>extended</c>. <see cref="Isrc"/> is null for the few tracks Spotify has without one.
/// </summary>
public sealed record SandboxTrack(
    string Id, string Name, IReadOnlyList<SandboxArtist> Artists, SandboxAlbum Album, int DurationMs, string? Isrc, bool Explicit,
    int TrackNumber, int SongNumber, string Version);
