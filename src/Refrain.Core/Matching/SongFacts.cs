namespace Refrain.Matching;

/// <summary>What the catalog knows of a song: the matcher's query.</summary>
public sealed record SongFacts(string Title, IReadOnlyList<string> Artists, string? Album, string? Isrc, int? DurationMs);
