using System.Text.Json;

namespace Refrain.Providers.Snapshot;

/// <summary>Reads snapshot bodies; a body of another shape is a <see cref="JsonException"/> naming what is wrong.</summary>
internal static class SnapshotJson
{
    /// <summary><c>{"album_id": "...", "tracks": [{"spotify_track_id": "...", "isrc": "...", "playcount": 123}]}</c>.</summary>
    public static AlbumPlaycounts Playcounts(string body, string albumId)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tracks", out var tracks) || tracks.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("playcounts answer has no \"tracks\" array");
        }

        var list = new List<TrackPlaycount>();
        foreach (var track in tracks.EnumerateArray())
        {
            if (track.ValueKind != JsonValueKind.Object
                || !track.TryGetProperty("spotify_track_id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString()))
            {
                throw new JsonException("playcounts track without a \"spotify_track_id\"");
            }

            if (!track.TryGetProperty("playcount", out var count) || count.ValueKind != JsonValueKind.Number || !count.TryGetInt64(out var playcount) || playcount < 0)
            {
                throw new JsonException($"playcounts track {id.GetString()} has no whole \"playcount\"");
            }

            var isrc = track.TryGetProperty("isrc", out var i) && i.ValueKind == JsonValueKind.String && i.GetString() is { Length: > 0 } s
                ? s.ToUpperInvariant()
                : null;
            list.Add(new TrackPlaycount(id.GetString()!, isrc, playcount));
        }

        var album = root.TryGetProperty("album_id", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : albumId;
        return new AlbumPlaycounts(album, list);
    }
}
