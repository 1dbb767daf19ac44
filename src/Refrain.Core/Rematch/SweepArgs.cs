using System.Text.Json;

namespace Refrain.Rematch;

/// <summary>The duration sweep's args: <c>{"threshold_seconds": N}</c>, an integer 1–3600 (default 60).</summary>
public sealed record SweepArgs(int ThresholdSeconds)
{
    public const int DefaultThresholdSeconds = 60;

    public static bool IsValidThreshold(long seconds) => seconds is >= 1 and <= 3600;

    public string ToJson() => $"{{\"threshold_seconds\":{ThresholdSeconds}}}";

    /// <summary>Parses args; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static SweepArgs Parse(string json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("sweep args must be a JSON object");
        }

        if (!doc.RootElement.TryGetProperty("threshold_seconds", out var value))
        {
            return new SweepArgs(DefaultThresholdSeconds);
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds) || !IsValidThreshold(seconds))
        {
            throw new FormatException($"threshold_seconds must be an integer from 1 to 3600, not {value.GetRawText()}");
        }

        return new SweepArgs((int)seconds);
    }
}
