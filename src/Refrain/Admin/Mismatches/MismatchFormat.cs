using System.Globalization;
using System.Text.Json;

namespace Refrain.Admin.Mismatches;

/// <summary>How the mismatch pages write durations, deltas, scores and artist lists.</summary>
internal static class MismatchFormat
{
    /// <summary>A duration as m:ss.s (a person compares track lengths in minutes and seconds).</summary>
    public static string Duration(long? ms) =>
        ms is not { } v ? "—" : string.Create(CultureInfo.InvariantCulture, $"{v / 60_000}:{v % 60_000 / 1000.0:00.0}");

    /// <summary>The absolute difference in seconds, one decimal: the delta the sweep compares with its threshold.</summary>
    public static string Delta(long? canonicalMs, long? linkedMs) =>
        canonicalMs is { } a && linkedMs is { } b ? string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(a - b) / 1000.0:0.0} s") : "—";

    public static string Score(double? score) => score is { } s ? s.ToString("0.0000", CultureInfo.InvariantCulture) : "—";

    /// <summary>The stored JSON array of artist names, joined for display.</summary>
    public static string Artists(string json)
    {
        try
        {
            return string.Join(", ", JsonSerializer.Deserialize<List<string>>(json) ?? []);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
