using System.Text.Json;

namespace Refrain.Providers.Spotify;

/// <summary>Reads the Web API's and the Accounts service's bodies. Anything not shaped as documented is a <see cref="JsonException"/>.</summary>
internal static class SpotifyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    /// <summary><c>GET /v1/tracks/{id}</c>: one track object.</summary>
    public static SpotifyTrackDocument Track(string body)
    {
        using var document = JsonDocument.Parse(body);
        return Track(document.RootElement);
    }

    /// <summary><c>GET /v1/tracks?ids=</c>: <c>{"tracks": [track | null, ...]}</c>; unknown ids are null and left out.</summary>
    public static IReadOnlyList<SpotifyTrackDocument> Several(string body)
    {
        using var document = JsonDocument.Parse(body);
        return Tracks(Member(document.RootElement, "tracks", JsonValueKind.Array));
    }

    /// <summary><c>GET /v1/search?type=track</c>: a paging object under <c>tracks</c>.</summary>
    public static IReadOnlyList<SpotifyTrackDocument> Search(string body)
    {
        using var document = JsonDocument.Parse(body);
        var page = Member(document.RootElement, "tracks", JsonValueKind.Object);
        return Tracks(Member(page, "items", JsonValueKind.Array));
    }

    /// <summary>A JSON array of track objects (the search cache's form).</summary>
    public static IReadOnlyList<SpotifyTrackDocument> Array(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array ? Tracks(document.RootElement) : throw new JsonException("expected an array of tracks");
    }

    public static string ToArray(IEnumerable<SpotifyTrackDocument> tracks) => "[" + string.Join(',', tracks.Select(t => t.Json)) + "]";

    /// <summary>A client-credentials token answer: <c>access_token</c>, <c>token_type</c> <c>Bearer</c>, <c>expires_in</c> seconds.</summary>
    public static (string AccessToken, long ExpiresIn) Token(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var token = Member(root, "access_token", JsonValueKind.String).GetString();
        if (string.IsNullOrEmpty(token))
        {
            throw new JsonException("token answer without an access_token");
        }

        var expiresIn = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt64() : 3600;
        return (token, expiresIn);
    }

    /// <summary>
    /// The explanation in an error body: the Web API's <c>{"error": {"status", "message"}}</c>, the older
    /// <c>{"error": {"type", "description"}}</c>, or the Accounts service's <c>{"error": "invalid_client", ...}</c> (its code
    /// only). Null when the body says nothing readable.
    /// </summary>
    public static string? ErrorMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("error", out var error))
            {
                return null;
            }

            var text = error.ValueKind switch
            {
                JsonValueKind.String => error.GetString(),
                JsonValueKind.Object when error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String => m.GetString(),
                JsonValueKind.Object when error.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String => d.GetString(),
                _ => null,
            };
            return string.IsNullOrWhiteSpace(text) ? null : Shorten(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IReadOnlyList<SpotifyTrackDocument> Tracks(JsonElement array) =>
        array.EnumerateArray().Where(e => e.ValueKind != JsonValueKind.Null).Select(Track).ToList();

    private static SpotifyTrackDocument Track(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"expected a track object, found {element.ValueKind}");
        }

        var track = element.Deserialize<SpotifyTrack>(Options) ?? throw new JsonException("empty track object");
        if (string.IsNullOrEmpty(track.Id))
        {
            throw new JsonException("track object without an id");
        }

        return new SpotifyTrackDocument(track, element.GetRawText());
    }

    private static JsonElement Member(JsonElement element, string name, JsonValueKind kind) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new JsonException($"expected \"{name}\" ({kind.ToString().ToLowerInvariant()})");

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
