namespace Refrain.Catalog;

/// <summary>
/// One song of a JSON upload (the OpenAPI shape; CSV has the same columns, artists separated by <c>;</c>). Only
/// <c>title</c> and <c>artists</c> are required; ids are validated as for <c>refrain catalog import</c>.
/// </summary>
public sealed record CatalogSongUpload(
    string Title, IReadOnlyList<string> Artists, string? Album = null, string? Isrc = null, int? DurationMs = null, string? SpotifyTrackId = null,
    string? MusicbrainzRecordingId = null, string? ReleaseDate = null);
