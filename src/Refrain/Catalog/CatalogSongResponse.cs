using System.Text.Json;
using Refrain.Storage;

namespace Refrain.Catalog;

/// <summary>
/// A catalog's song on the wire with its Spotify link: the canonical and linked durations and how far apart they are
/// (<c>delta_ms</c>, null unless both are known), the link's state and who decided it.
/// </summary>
public sealed record CatalogSongResponse(
    long Id, string Title, IReadOnlyList<string> Artists, string? Album, string? Isrc, long? DurationMs, string? SpotifyTrackId,
    long? TrackDurationMs, long? DeltaMs, string? LinkState, string? DecidedBy)
{
    public static CatalogSongResponse From(RefrainStore.CatalogSong s) => new(
        s.Id, s.Title, JsonSerializer.Deserialize<List<string>>(s.Artists) ?? [], s.Album, s.Isrc, s.DurationMs, s.SpotifyTrackId,
        s.TrackDurationMs, s.DurationMs is { } a && s.TrackDurationMs is { } b ? Math.Abs(a - b) : null, s.LinkState, s.DecidedBy);
}
