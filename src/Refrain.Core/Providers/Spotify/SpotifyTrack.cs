using System.Text.Json.Serialization;

namespace Refrain.Providers.Spotify;

/// <summary>A Spotify Web API track object (the members Refrain reads).</summary>
public sealed record SpotifyTrack
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("duration_ms")] public int DurationMs { get; init; }
    [JsonPropertyName("explicit")] public bool Explicit { get; init; }
    [JsonPropertyName("artists")] public IReadOnlyList<SpotifyArtist> Artists { get; init; } = [];
    [JsonPropertyName("album")] public SpotifyAlbum? Album { get; init; }
    [JsonPropertyName("external_ids")] public SpotifyExternalIds? ExternalIds { get; init; }
    [JsonPropertyName("disc_number")] public int DiscNumber { get; init; }
    [JsonPropertyName("track_number")] public int TrackNumber { get; init; }

    [JsonIgnore] public string? Isrc => ExternalIds?.Isrc;
}

/// <summary>A simplified artist object.</summary>
public sealed record SpotifyArtist
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
}

/// <summary>A simplified album object.</summary>
public sealed record SpotifyAlbum
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary><c>album</c>, <c>single</c> or <c>compilation</c>.</summary>
    [JsonPropertyName("album_type")] public string? AlbumType { get; init; }

    /// <summary><c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c> as <see cref="ReleaseDatePrecision"/> says.</summary>
    [JsonPropertyName("release_date")] public string? ReleaseDate { get; init; }

    [JsonPropertyName("release_date_precision")] public string? ReleaseDatePrecision { get; init; }
    [JsonPropertyName("total_tracks")] public int TotalTracks { get; init; }
}

/// <summary>External ids of a track: the ISRC.</summary>
public sealed record SpotifyExternalIds
{
    [JsonPropertyName("isrc")] public string? Isrc { get; init; }
}
