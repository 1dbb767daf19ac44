using System.Globalization;
using System.Text.Json;

namespace Refrain.Admin.Runs;

/// <summary>
/// A run's domain summary (JSON written by its kind's summarizer) as a person reads it: the summarizer's own sentence when it
/// wrote one (<c>text</c>), then each other member as a labelled line, nested objects flattened into "a / b" labels.
/// </summary>
internal sealed record RunSummaryLines(string? Text, IReadOnlyList<(string Label, string Value)> Lines, string? Raw)
{
    public static RunSummaryLines Empty { get; } = new(null, [], null);

    public static RunSummaryLines From(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new RunSummaryLines(null, [], json);
            }

            string? text = null;
            var lines = new List<(string, string)>();
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Name == "text" && member.Value.ValueKind == JsonValueKind.String)
                {
                    text = member.Value.GetString();
                    continue;
                }

                Flatten(Label(member.Name), member.Value, lines);
            }

            return new RunSummaryLines(text, lines, null);
        }
        catch (JsonException)
        {
            return new RunSummaryLines(null, [], json);
        }
    }

    private static void Flatten(string label, JsonElement value, List<(string, string)> lines)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    Flatten($"{label} / {Label(member.Name)}", member.Value, lines);
                }

                break;
            case JsonValueKind.Number when value.TryGetInt64(out var whole):
                lines.Add((label, whole.ToString("N0", CultureInfo.InvariantCulture)));
                break;
            case JsonValueKind.String:
                lines.Add((label, value.GetString() ?? ""));
                break;
            default:
                lines.Add((label, value.GetRawText()));
                break;
        }
    }

    /// <summary>"relinked_other_track" reads "relinked other track".</summary>
    private static string Label(string name) => name.Replace('_', ' ');
}
