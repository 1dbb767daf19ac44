namespace Refrain.Measurements;

/// <summary>A cumulative total a source reported for one UTC calendar day (e.g. a track's all-time Spotify streams).</summary>
public sealed record DailyTotal(DateOnly Date, long Total);
