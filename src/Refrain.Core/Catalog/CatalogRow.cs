namespace Refrain.Catalog;

/// <summary>One valid row of a catalog file, with the line it came from.</summary>
public sealed record CatalogRow(
    int Line, string Title, IReadOnlyList<string> Artists, string? Album, string? Isrc, int? DurationMs,
    string? SpotifyTrackId, string? MusicBrainzRecordingId, string? ReleaseDate)
{
    /// <summary>The song's identity in its catalog: the ISRC, else the normalised title, artists and album.</summary>
    public string SongKey => Isrc is { } isrc
        ? $"isrc:{isrc}"
        : $"t:{CatalogKeys.Normalize(Title)}|{string.Join(";", Artists.Select(CatalogKeys.Normalize))}|{CatalogKeys.Normalize(Album ?? "")}";

    public string? AlbumKey => string.IsNullOrWhiteSpace(Album) ? null : CatalogKeys.Normalize(Album);
}
