using System.Text.Json;
using System.Text.Json.Serialization;

namespace Refrain.Listening.Enrichment;

/// <summary>The args of an enrichment job: the listener, and for enrich_tracks the distinct tracks to resolve.</summary>
public sealed record EnrichmentArgs(
    [property: JsonPropertyName("listener")] long Listener,
    [property: JsonPropertyName("tracks")] IReadOnlyList<PendingTrack>? Tracks = null)
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>The args, or null when they do not read (a job enqueued by hand with other args).</summary>
    public static EnrichmentArgs? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<EnrichmentArgs>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
