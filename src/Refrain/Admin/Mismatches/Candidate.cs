using System.Text.Json;

namespace Refrain.Admin.Mismatches;

/// <summary>
/// One of the matcher's stored candidates for a song: the Spotify track and its score breakdown, each component its weighted
/// contribution (see <c>ScoreBreakdown</c>). Read leniently: evidence written by older matcher versions may lack fields.
/// </summary>
internal sealed record Candidate(
    string? TrackId, string? Name, string Artists, string? Album, string? Isrc, long? DurationMs, double? Score,
    IReadOnlyDictionary<string, double> Breakdown)
{
    /// <summary>The breakdown's components in the matcher's order, as (stored name, label).</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Components =
    [
        ("isrc", "ISRC"), ("title", "Title"), ("artists", "Artists"), ("duration", "Duration"), ("album", "Album"),
        ("version_penalty", "Version penalty"), ("total", "Total"),
    ];

    /// <summary>The candidates of a link's stored evidence, best first as the matcher stored them; empty when there is none.</summary>
    public static IReadOnlyList<Candidate> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return doc.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(From).ToList();
    }

    /// <summary>A breakdown object as component → value (numbers only).</summary>
    public static IReadOnlyDictionary<string, double> Numbers(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Dictionary<string, double>();
        }

        using var doc = JsonDocument.Parse(json);
        return Numbers(doc.RootElement);
    }

    private static Candidate From(JsonElement e)
    {
        var artists = e.TryGetProperty("artists", out var a) && a.ValueKind == JsonValueKind.Array
            ? string.Join(", ", a.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : x.ToString()))
            : "";
        return new Candidate(
            Text(e, "spotify_track_id") ?? Text(e, "id"), Text(e, "name"), artists, Text(e, "album"), Text(e, "isrc"),
            e.TryGetProperty("duration_ms", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt64() : null,
            e.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null,
            e.TryGetProperty("breakdown", out var b) ? Numbers(b) : new Dictionary<string, double>());
    }

    private static Dictionary<string, double> Numbers(JsonElement e) =>
        e.ValueKind != JsonValueKind.Object ? []
        : e.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
