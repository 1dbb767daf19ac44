using System.Globalization;
using System.Text.Json;
using Refrain.Measurements;

namespace Refrain.Providers.Songstats;

/// <summary>Reads Songstats bodies; a body of another shape is a <see cref="JsonException"/> naming what is wrong.</summary>
internal static class SongstatsJson
{
    /// <summary>
    /// <c>{"stats": [{"source": "spotify", "data": {"history": [{"date": "2024-05-01", "streams_total": 123456}]}}]}</c>:
    /// the Spotify entry's cumulative totals by date, oldest first. A day whose total is null is absent (unknown, not zero).
    /// </summary>
    public static IReadOnlyList<DailyTotal> History(string body)
    {
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.ValueKind != JsonValueKind.Object
            || !doc.RootElement.TryGetProperty("stats", out var stats) || stats.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("historic_stats answer has no \"stats\" array");
        }

        var points = new Dictionary<DateOnly, long>();
        foreach (var entry in stats.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.String)
            {
                throw new JsonException("historic_stats \"stats\" entry without a \"source\"");
            }

            if (source.GetString() != "spotify")
            {
                continue;
            }

            if (!entry.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("history", out var history) || history.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException("historic_stats spotify entry has no \"data.history\" array");
            }

            foreach (var day in history.EnumerateArray())
            {
                var (date, total) = Day(day);
                if (total is { } t)
                {
                    points[date] = t;
                }
            }
        }

        return points.OrderBy(p => p.Key).Select(p => new DailyTotal(p.Key, p.Value)).ToList();
    }

    private static (DateOnly Date, long? Total) Day(JsonElement day)
    {
        if (day.ValueKind != JsonValueKind.Object || !day.TryGetProperty("date", out var date) || date.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(date.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            throw new JsonException("historic_stats history item without a \"date\" as YYYY-MM-DD");
        }

        if (!day.TryGetProperty("streams_total", out var total) || total.ValueKind == JsonValueKind.Null)
        {
            return (parsed, null);
        }

        return total.ValueKind == JsonValueKind.Number && total.TryGetInt64(out var value) && value >= 0
            ? (parsed, value)
            : throw new JsonException($"historic_stats history item {parsed:yyyy-MM-dd} has a \"streams_total\" that is not a whole number");
    }
}
