namespace Refrain.Measurements;

/// <summary>A song's Spotify streams per day: the recording it is measured by (null when it has no ISRC and no link) and the points.</summary>
public sealed record SongMeasurementsResponse(
    long SongId, string? Recording, string Platform, string Metric, string Granularity, DateOnly? From, DateOnly To, IReadOnlyList<MeasurementValue> Points);
