using Refrain.Measurements;

namespace Refrain.Providers.Songstats;

/// <summary>The Spotify stream history Songstats holds for one ISRC: cumulative totals by date, oldest first; days it lacks are absent.</summary>
public sealed record SongstatsHistory(string Isrc, IReadOnlyList<DailyTotal> Points);
