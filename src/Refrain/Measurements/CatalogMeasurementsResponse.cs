namespace Refrain.Measurements;

/// <summary>A catalog's Spotify streams per day, summed over its distinct recordings measured that day.</summary>
public sealed record CatalogMeasurementsResponse(
    long CatalogId, string Platform, string Metric, string Granularity, DateOnly? From, DateOnly To, IReadOnlyList<MeasurementValue> Points);
