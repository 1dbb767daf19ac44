namespace Refrain.Matching;

/// <summary>A title taken apart: the words that name the song, the versions it claims and the artists it credits.</summary>
internal sealed class ParsedTitle
{
    private string? _key;

    /// <summary>The normalised title without neutral, distinguishing or featuring suffixes; unrecognised brackets stay.</summary>
    public required string Full { get; init; }

    /// <summary>The title's own words only, without unrecognised brackets either ("(I Can't Get No) Satisfaction" → "satisfaction", "Love Story (Taylor's Version)" → "love story").</summary>
    public required string Core { get; init; }

    public required VersionKind Kinds { get; init; }

    /// <summary>Sorted distinct words that tell versions of one kind apart: a remixer, a venue, a year.</summary>
    public required IReadOnlyList<string> Details { get; init; }

    /// <summary>Artist names credited by <c>feat.</c>/<c>with</c> in the title, as written.</summary>
    public required IReadOnlyList<string> Featured { get; init; }

    /// <summary>Equal for titles that name the same recording: same words, same versions, same details.</summary>
    public string Key => _key ??= $"{Full}|{(int)Kinds}|{string.Join(' ', Details)}";

    /// <summary>True when one title's details contain the other's ("Live" and "Live at Wembley"), false when both name different ones.</summary>
    public bool DetailsCompatibleWith(ParsedTitle other) =>
        Details.Count == 0 || other.Details.Count == 0 || Details.All(other.Details.Contains) || other.Details.All(Details.Contains);
}
