using System.Text.Json;
using Refrain.Providers.Spotify;

namespace Refrain.Matching;

/// <summary>
/// Reads an evaluation file: JSON lines of <c>{"song": {"title", "artists", "album", "isrc", "duration_ms"},
/// "candidates": [track objects], "expected": id | null, "acceptable": [ids]?}</c>. Blank lines are skipped; anything
/// else malformed is a <see cref="FormatException"/> naming its line.
/// </summary>
public static class EvalFileReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static IReadOnlyList<EvalCase> Read(TextReader reader)
    {
        var cases = new List<EvalCase>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                cases.Add(Parse(line, number));
            }
        }

        return cases;
    }

    public static EvalCase Parse(string line, int number)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("expected a JSON object");
            }

            var song = Song(Member(root, "song", JsonValueKind.Object));
            var candidates = Candidates(Member(root, "candidates", JsonValueKind.Array));
            if (!root.TryGetProperty("expected", out var expected) || expected.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                throw new FormatException("'expected' must be a Spotify id or null");
            }

            var expectedId = expected.ValueKind == JsonValueKind.String ? NonEmpty(expected.GetString(), "expected") : null;
            var acceptable = Acceptable(root);
            if (expectedId is null && acceptable is { Count: > 0 })
            {
                throw new FormatException("'acceptable' lists ids but 'expected' is null");
            }

            return new EvalCase(number, song, candidates, expectedId, acceptable);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new FormatException($"line {number}: {ex.Message}", ex);
        }
    }

    private static SongFacts Song(JsonElement song)
    {
        var title = NonEmpty(Member(song, "title", JsonValueKind.String, "song.title").GetString(), "song.title");
        var artists = Member(song, "artists", JsonValueKind.Array, "song.artists").EnumerateArray()
            .Select(a => a.ValueKind == JsonValueKind.String ? NonEmpty(a.GetString(), "song.artists") : throw new FormatException("'song.artists' must hold strings"))
            .ToList();
        if (artists.Count == 0)
        {
            throw new FormatException("'song.artists' must name at least one artist");
        }

        int? duration = null;
        if (song.TryGetProperty("duration_ms", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            duration = d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var ms) && ms > 0
                ? ms
                : throw new FormatException("'song.duration_ms' must be a positive integer or null");
        }

        return new SongFacts(title, artists, OptionalString(song, "album"), OptionalString(song, "isrc"), duration);
    }

    private static List<SpotifyTrack> Candidates(JsonElement array)
    {
        var tracks = new List<SpotifyTrack>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            index++;
            if (element.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"candidate {index} is not a track object");
            }

            var track = element.Deserialize<SpotifyTrack>(Options)!;
            if (string.IsNullOrWhiteSpace(track.Id))
            {
                throw new FormatException($"candidate {index} has no id");
            }

            tracks.Add(track);
        }

        return tracks;
    }

    private static List<string>? Acceptable(JsonElement root)
    {
        if (!root.TryGetProperty("acceptable", out var acceptable) || acceptable.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (acceptable.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("'acceptable' must be an array of Spotify ids");
        }

        return [.. acceptable.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String
            ? NonEmpty(a.GetString(), "acceptable")
            : throw new FormatException("'acceptable' must be an array of Spotify ids"))];
    }

    private static JsonElement Member(JsonElement parent, string name, JsonValueKind kind, string? path = null) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new FormatException($"'{path ?? name}' must be {(kind == JsonValueKind.Array ? "an array" : kind == JsonValueKind.Object ? "an object" : "a string")}");

    private static string? OptionalString(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new FormatException($"'song.{name}' must be a string or null");

    private static string NonEmpty(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new FormatException($"'{name}' must not be empty") : value;
}
