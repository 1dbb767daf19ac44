namespace Refrain.Measurements;

/// <summary>
/// One stored day of a series: the cumulative total, and the daily difference from the previous calendar day (null when
/// that day has no value, or when the difference was negative: then <see cref="Flagged"/>).
/// </summary>
public sealed record MeasurementPoint(DateOnly Date, long Total, long? Daily, bool Flagged);
