using System.Globalization;
using System.Text.Json;

namespace Refrain.Providers.Spotify;

/// <summary>Reads a recently-played cursor page. Anything not shaped as Spotify documents it is a <see cref="JsonException"/>.</summary>
internal static class SpotifyRecentlyPlayedJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static SpotifyRecentlyPlayedPage Page(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("expected \"items\" (array)");
        }

        var plays = items.EnumerateArray().Select(Item).ToList();
        return new SpotifyRecentlyPlayedPage(plays, After(root));
    }

    private static SpotifyRecentlyPlayedItem Item(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("track", out var track) || track.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("played_at", out var playedAt) || playedAt.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(playedAt.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var end))
        {
            throw new JsonException("expected a play-history item with a track object and an ISO 8601 played_at");
        }

        var parsed = track.Deserialize<SpotifyTrack>(Options) ?? throw new JsonException("empty track object");
        if (string.IsNullOrEmpty(parsed.Id) || string.IsNullOrWhiteSpace(parsed.Name) || parsed.Artists.Count == 0)
        {
            throw new JsonException("track object without an id, a name or an artist");
        }

        var ms = end.ToUnixTimeMilliseconds();
        return new SpotifyRecentlyPlayedItem(new SpotifyTrackDocument(parsed, track.GetRawText()), ms - (((ms % 1000) + 1000) % 1000));
    }

    /// <summary><c>cursors.after</c>: a string of Unix ms as Spotify sends it (a number is read too); null when absent.</summary>
    private static long? After(JsonElement root)
    {
        if (!root.TryGetProperty("cursors", out var cursors) || cursors.ValueKind != JsonValueKind.Object
            || !cursors.TryGetProperty("after", out var after))
        {
            return null;
        }

        return after.ValueKind switch
        {
            JsonValueKind.String when long.TryParse(after.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) => ms,
            JsonValueKind.Number when after.TryGetInt64(out var ms) => ms,
            JsonValueKind.Null => null,
            _ => throw new JsonException("cursors.after is not Unix milliseconds"),
        };
    }
}
