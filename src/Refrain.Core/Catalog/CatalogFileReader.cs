using System.Globalization;
using System.Text.Json;

namespace Refrain.Catalog;

/// <summary>
/// Reads a catalog file — CSV with a header (artists separated by <c>;</c>) or JSON lines (artists as an array) — into
/// valid rows and line-numbered errors.
/// </summary>
public static class CatalogFileReader
{
    public static readonly IReadOnlyList<string> Columns =
        ["title", "artists", "album", "isrc", "duration_ms", "spotify_track_id", "musicbrainz_recording_id", "release_date"];

    public static (List<CatalogRow> Rows, List<CatalogFileError> Errors) Read(TextReader reader, bool jsonLines)
    {
        var rows = new List<CatalogRow>();
        var errors = new List<CatalogFileError>();
        foreach (var (line, values, error) in jsonLines ? JsonLines(reader) : Csv(reader))
        {
            if (error is not null)
            {
                errors.Add(new CatalogFileError(line, error));
                continue;
            }

            var (row, problem) = Validate(line, values!);
            if (problem is not null)
            {
                errors.Add(new CatalogFileError(line, problem));
            }
            else
            {
                rows.Add(row!);
            }
        }

        return (rows, errors);
    }

    /// <summary>JSON lines when the name says so or the first non-blank character is <c>{</c>.</summary>
    public static bool LooksLikeJsonLines(string path, string firstChunk) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || firstChunk.TrimStart().StartsWith('{');

    private static (CatalogRow? Row, string? Error) Validate(int line, RawRow v)
    {
        var title = v.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            return (null, "title is missing");
        }

        var artists = v.Artists.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        if (artists.Count == 0)
        {
            return (null, "artists are missing");
        }

        int? duration = null;
        if (!string.IsNullOrWhiteSpace(v.DurationMs))
        {
            if (!int.TryParse(v.DurationMs.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms <= 0)
            {
                return (null, $"duration_ms '{v.DurationMs}' is not a positive integer");
            }

            duration = ms;
        }

        var isrc = Blank(v.Isrc);
        if (isrc is not null && !CatalogRules.Isrc().IsMatch(isrc))
        {
            return (null, $"isrc '{isrc}' does not match ^[A-Z]{{2}}[A-Z0-9]{{3}}[0-9]{{7}}$");
        }

        var spotify = Blank(v.SpotifyTrackId);
        if (spotify is not null && !CatalogRules.SpotifyId().IsMatch(spotify))
        {
            return (null, $"spotify_track_id '{spotify}' is not 22 base-62 characters");
        }

        var mbid = Blank(v.MusicBrainzRecordingId)?.ToLowerInvariant();
        if (mbid is not null && !CatalogRules.Mbid().IsMatch(mbid))
        {
            return (null, $"musicbrainz_recording_id '{mbid}' is not a MusicBrainz id (a UUID)");
        }

        var released = Blank(v.ReleaseDate);
        if (released is not null && !CatalogRules.ReleaseDate().IsMatch(released))
        {
            return (null, $"release_date '{released}' is not YYYY, YYYY-MM or YYYY-MM-DD");
        }

        return (new CatalogRow(line, title, artists, Blank(v.Album), isrc, duration, spotify, mbid, released), null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IEnumerable<(int Line, RawRow? Row, string? Error)> Csv(TextReader reader)
    {
        Dictionary<string, int>? index = null;
        foreach (var (line, fields) in CsvReader.Read(reader))
        {
            if (index is null)
            {
                var names = fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
                var unknown = names.FirstOrDefault(n => !Columns.Contains(n));
                if (unknown is not null || !names.Contains("title") || !names.Contains("artists"))
                {
                    yield return (line, null, unknown is not null
                        ? $"unknown column '{unknown}' (columns: {string.Join(", ", Columns)})"
                        : "the header must name at least title and artists");
                    yield break;
                }

                index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
                continue;
            }

            if (fields.Count != index.Count)
            {
                yield return (line, null, $"expected {index.Count} fields but found {fields.Count}");
                continue;
            }

            string? Get(string name) => index.TryGetValue(name, out var i) ? fields[i] : null;
            yield return (line, new RawRow(Get("title"), (Get("artists") ?? "").Split(';'), Get("album"), Get("isrc"), Get("duration_ms"),
                Get("spotify_track_id"), Get("musicbrainz_recording_id"), Get("release_date")), null);
        }
    }

    private static IEnumerable<(int Line, RawRow? Row, string? Error)> JsonLines(TextReader reader)
    {
        var line = 0;
        for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            RawRow? row = null;
            string? error = null;
            try
            {
                row = ParseObject(text);
            }
            catch (JsonException ex)
            {
                error = $"not a JSON object: {ex.Message}";
            }
            catch (FormatException ex)
            {
                error = ex.Message;
            }

            yield return (line, row, error);
        }
    }

    private static RawRow ParseObject(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("not a JSON object");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!Columns.Contains(property.Name))
            {
                throw new FormatException($"unknown member '{property.Name}' (members: {string.Join(", ", Columns)})");
            }
        }

        string? Text(string name) => root.TryGetProperty(name, out var e) ? e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw new FormatException($"{name} must be a string"),
        } : null;

        var artists = root.TryGetProperty("artists", out var a)
            ? a.ValueKind == JsonValueKind.Array
                ? a.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw new FormatException("artists must be an array of strings")).ToList()
                : throw new FormatException("artists must be an array of strings")
            : [];
        return new RawRow(Text("title"), artists, Text("album"), Text("isrc"), Text("duration_ms"), Text("spotify_track_id"),
            Text("musicbrainz_recording_id"), Text("release_date"));
    }

    private sealed record RawRow(
        string? Title, IReadOnlyList<string> Artists, string? Album, string? Isrc, string? DurationMs, string? SpotifyTrackId,
        string? MusicBrainzRecordingId, string? ReleaseDate);
}
