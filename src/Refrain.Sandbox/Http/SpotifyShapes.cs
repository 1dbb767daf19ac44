using System.Text.Json.Nodes;

namespace Refrain.Sandbox;

/// <summary>Web API objects shaped as Spotify serves them (full track, simplified album and artist, paging object).</summary>
internal static class SpotifyShapes
{
    public static JsonObject Track(SandboxTrack t, string root) => new()
    {
        ["album"] = Album(t.Album, root),
        ["artists"] = Artists(t.Artists, root),
        ["available_markets"] = Markets(),
        ["disc_number"] = 1,
        ["duration_ms"] = t.DurationMs,
        ["explicit"] = t.Explicit,
        ["external_ids"] = t.Isrc is null ? new JsonObject() : new JsonObject { ["isrc"] = t.Isrc },
        ["external_urls"] = new JsonObject { ["spotify"] = $"https://open.spotify.com/track/{t.Id}" },
        ["href"] = $"{root}/v1/tracks/{t.Id}",
        ["id"] = t.Id,
        ["is_local"] = false,
        ["name"] = t.Name,
        ["preview_url"] = null,
        ["track_number"] = t.TrackNumber,
        ["type"] = "track",
        ["uri"] = $"spotify:track:{t.Id}",
    };

    public static JsonObject Page(IEnumerable<JsonNode> items, string href, int limit, int offset, int total, Func<int, string> at) => new()
    {
        ["href"] = href,
        ["items"] = new JsonArray([.. items]),
        ["limit"] = limit,
        ["next"] = offset + limit < total ? at(offset + limit) : null,
        ["offset"] = offset,
        ["previous"] = offset > 0 ? at(Math.Max(0, offset - limit)) : null,
        ["total"] = total,
    };

    private static JsonObject Album(SandboxAlbum a, string root) => new()
    {
        ["album_type"] = a.AlbumType,
        ["artists"] = Artists(a.Artists, root),
        ["available_markets"] = Markets(),
        ["external_urls"] = new JsonObject { ["spotify"] = $"https://open.spotify.com/album/{a.Id}" },
        ["href"] = $"{root}/v1/albums/{a.Id}",
        ["id"] = a.Id,
        ["images"] = new JsonArray(
            Image(a.Id, 640), Image(a.Id, 300), Image(a.Id, 64)),
        ["name"] = a.Name,
        ["release_date"] = a.ReleaseDate,
        ["release_date_precision"] = "day",
        ["total_tracks"] = a.TotalTracks,
        ["type"] = "album",
        ["uri"] = $"spotify:album:{a.Id}",
    };

    private static JsonArray Artists(IEnumerable<SandboxArtist> artists, string root) => new([.. artists.Select(a => (JsonNode)new JsonObject
    {
        ["external_urls"] = new JsonObject { ["spotify"] = $"https://open.spotify.com/artist/{a.SpotifyId}" },
        ["href"] = $"{root}/v1/artists/{a.SpotifyId}",
        ["id"] = a.SpotifyId,
        ["name"] = a.Name,
        ["type"] = "artist",
        ["uri"] = $"spotify:artist:{a.SpotifyId}",
    })]);

    private static JsonObject Image(string albumId, int size) => new()
    {
        ["height"] = size,
        ["url"] = $"https://i.scdn.co/image/sandbox-{albumId}-{size}",
        ["width"] = size,
    };

    private static JsonArray Markets() => new([.. Words.Markets.Select(m => (JsonNode)JsonValue.Create(m))]);
}
