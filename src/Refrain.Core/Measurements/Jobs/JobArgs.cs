using System.Text.Json;

namespace Refrain.Measurements.Jobs;

/// <summary>Reads a measurement job's args (<c>{"platform": "spotify"}</c>, and <c>catalog_id</c> for a scheduled snapshot).</summary>
internal static class JobArgs
{
    public static string Platform(string args) =>
        Parse(args) is { } root && root.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : MeasurementJobs.Spotify;

    public static long? CatalogId(string args) =>
        Parse(args) is { } root && root.TryGetProperty("catalog_id", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var id) ? id : null;

    private static JsonElement? Parse(string args)
    {
        try
        {
            using var doc = JsonDocument.Parse(args);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
