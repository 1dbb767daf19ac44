using System.Text.Json;

namespace Refrain.Admin.Jobs;

/// <summary>How job fields read on the dashboard: error excerpts for tables, args as indented JSON.</summary>
internal static class JobText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The first line of <paramref name="text"/>, cut to <paramref name="max"/> characters, so a stack trace does not flood a table.</summary>
    public static string Excerpt(string? text, int max = 120)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length <= max && line.Length == text.Length ? line : line[..Math.Min(line.Length, max)] + "…";
    }

    /// <summary>Stored JSON re-indented for reading; text that is not JSON is shown as it is.</summary>
    public static string Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
