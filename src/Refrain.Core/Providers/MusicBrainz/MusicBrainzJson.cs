using System.Text.Json;

namespace Refrain.Providers.MusicBrainz;

/// <summary>Reads <c>fmt=json</c> bodies of the web service. Optional members may be null or absent; a body not shaped as documented is a <see cref="JsonException"/>.</summary>
internal static class MusicBrainzJson
{
    /// <summary><c>GET /ws/2/isrc/{isrc}</c>: <c>{"isrc": "...", "recordings": [...]}</c>; the looked-up ISRC belongs to each recording.</summary>
    public static IReadOnlyList<MusicBrainzRecording> IsrcLookup(string body, string isrc)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("recordings", out var recordings) || recordings.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("expected \"recordings\" (array)");
        }

        return recordings.EnumerateArray()
            .Where(r => r.ValueKind == JsonValueKind.Object && Text(r, "id") is not null)
            .Select(r => Recording(r, isrc))
            .ToList();
    }

    /// <summary><c>GET /ws/2/recording/{mbid}</c>: one recording object.</summary>
    public static MusicBrainzRecording RecordingLookup(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Text(root, "id") is null)
        {
            throw new JsonException("expected a recording object with an id");
        }

        return Recording(root, null);
    }

    /// <summary>The <c>error</c> member of an error body (<c>{"error": "Not Found", "help": "..."}</c>), or null.</summary>
    public static string? ErrorMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var text = document.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, "error") : null;
            return text is null ? null : text.Length <= 200 ? text.ReplaceLineEndings(" ") : text[..200].ReplaceLineEndings(" ") + "…";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static MusicBrainzRecording Recording(JsonElement r, string? lookedUp)
    {
        var isrcs = r.TryGetProperty("isrcs", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList()
            : [];
        if (lookedUp is not null && !isrcs.Contains(lookedUp, StringComparer.OrdinalIgnoreCase))
        {
            isrcs.Insert(0, lookedUp);
        }

        return new MusicBrainzRecording(
            Text(r, "id")!,
            Text(r, "title") ?? "",
            Length(r),
            Artists(r),
            isrcs,
            Text(r, "first-release-date") is { Length: > 0 } date ? date : null);
    }

    /// <summary>A length of 0 or less, null, or not an integer means unknown.</summary>
    private static int? Length(JsonElement r) =>
        r.TryGetProperty("length", out var length) && length.ValueKind == JsonValueKind.Number && length.TryGetInt32(out var ms) && ms > 0 ? ms : null;

    /// <summary>Artists as credited (<c>artist-credit[].name</c>, else the artist's own name).</summary>
    private static List<string> Artists(JsonElement r)
    {
        if (!r.TryGetProperty("artist-credit", out var credits) || credits.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return credits.EnumerateArray()
            .Where(c => c.ValueKind == JsonValueKind.Object)
            .Select(c => Text(c, "name") ?? (c.TryGetProperty("artist", out var a) && a.ValueKind == JsonValueKind.Object ? Text(a, "name") : null))
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => n!)
            .ToList();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
