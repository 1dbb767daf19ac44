using System.Text.Json;

namespace Refrain.Rematch;

/// <summary>How a decision's evidence is stored: snake_case JSON.</summary>
internal static class EvidenceJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
