using Refrain.Matching;
using Refrain.Providers.Spotify;

namespace Refrain.Tests.Matching;

/// <summary>Hand-made Spotify tracks and songs for the matcher tests.</summary>
internal static class Tracks
{
    /// <summary>A track; <paramref name="artists"/> separated by <c>|</c>.</summary>
    public static SpotifyTrack Track(
        string id, string name, string artists, int durationMs, string? isrc = null,
        string album = "An Album", string albumType = "album", string releaseDate = "2010-05-01") => new()
        {
            Id = id,
            Name = name,
            DurationMs = durationMs,
            Artists = [.. artists.Split('|').Select(a => new SpotifyArtist { Id = "artist-" + a, Name = a })],
            Album = new SpotifyAlbum { Id = "album-" + album, Name = album, AlbumType = albumType, ReleaseDate = releaseDate, ReleaseDatePrecision = "day" },
            ExternalIds = isrc is null ? null : new SpotifyExternalIds { Isrc = isrc },
        };

    /// <summary>A song; <paramref name="artists"/> separated by <c>|</c>.</summary>
    public static SongFacts Song(string title, string artists, int? durationMs = null, string? isrc = null, string? album = null) =>
        new(title, artists.Split('|'), album, isrc, durationMs);
}
