namespace Refrain.Measurements;

/// <summary>
/// One day of a song's or a catalog's series as the read side shows it: the cumulative total, the daily difference (null
/// when unknown: a gap, or a negative difference, then <see cref="Flagged"/>), how many recordings add up to it, and the
/// source (a song's; null for a catalog's sum).
/// </summary>
public sealed record SeriesPoint(DateOnly Date, long Total, long? Daily, bool Flagged, int Recordings, string? Source);
