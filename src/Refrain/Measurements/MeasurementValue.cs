namespace Refrain.Measurements;

/// <summary>
/// One day of a series on the wire: <c>value</c> is the day's plays (<c>daily</c>; null when unknown: a gap, or a negative
/// difference, then <c>flagged</c>) or the all-time total (<c>cumulative</c>); a song's point names its source, a catalog's
/// counts the recordings summed.
/// </summary>
public sealed record MeasurementValue(DateOnly Date, long? Value, bool Flagged, string? Source, int? Recordings)
{
    public static MeasurementValue From(SeriesPoint p, bool cumulative, bool catalog) =>
        new(p.Date, cumulative ? p.Total : p.Daily, p.Flagged, p.Source, catalog ? p.Recordings : null);
}
