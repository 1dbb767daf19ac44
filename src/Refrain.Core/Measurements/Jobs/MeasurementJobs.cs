using System.Globalization;

namespace Refrain.Measurements.Jobs;

/// <summary>The names the measurement jobs share: sources, job types, subjects, the run kind, platform and metric.</summary>
public static class MeasurementJobs
{
    /// <summary>The kind of every run a measurement request starts.</summary>
    public const string RunKind = "measurement";

    public const string Historical = "historical";
    public const string Current = "current";

    /// <summary>The only platform measured so far.</summary>
    public const string Spotify = "spotify";

    /// <summary>The metric both sources report for Spotify: a track's all-time play count.</summary>
    public const string Streams = "streams";

    public const string RecordingPrefix = "recording:";
    public const string AlbumPrefix = "album:";

    /// <summary>Where a release date text (<c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>) starts; null when it is none of them.</summary>
    public static DateOnly? ReleaseStart(string? releaseDate)
    {
        var text = releaseDate?.Trim();
        return text?.Length switch
        {
            4 when DateOnly.TryParseExact(text + "-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var y) => y,
            7 when DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) => m,
            10 when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
            _ => null,
        };
    }
}
