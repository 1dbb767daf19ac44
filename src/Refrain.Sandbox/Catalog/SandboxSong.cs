namespace Refrain.Sandbox;

/// <summary>
/// A song as a catalog owner has it (the import columns: title, artists, album, ISRC, canonical duration, MusicBrainz
/// recording id, release date, the Spotify track it is linked to), and the truth the sandbox knows: the track it should be
/// linked to (<see cref="ExpectedSpotifyId"/>, null when Spotify lacks it) and what is deliberately wrong (<see cref="Defect"/>).
/// </summary>
public sealed record SandboxSong(
    int Number, string Title, IReadOnlyList<string> Artists, string Album, string? Isrc, int? DurationMs, string? MusicBrainzRecordingId,
    string? ReleaseDate, string? LinkedSpotifyId, string? ExpectedSpotifyId, string Defect);
