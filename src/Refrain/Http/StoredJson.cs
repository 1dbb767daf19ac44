using System.Text.Json;

namespace Refrain.Http;

/// <summary>JSON text the store keeps (job args, run summaries) put on the wire as JSON, not as a string holding JSON.</summary>
public static class StoredJson
{
    /// <summary>The parsed value; text that is not JSON (older rows, plain messages) is sent as a JSON string.</summary>
    public static JsonElement ToElement(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
