using System.Globalization;
using Refrain.Measurements.Jobs;

namespace Refrain.Measurements;

/// <summary>The read side's query parameters, checked: platform, date range (inclusive, UTC days) and granularity.</summary>
public sealed record SeriesQuery(string Platform, DateOnly? From, DateOnly To, bool Cumulative)
{
    public const string Daily = "daily";
    public const string CumulativeName = "cumulative";

    /// <summary>The lower bound when none is given: before any stored date.</summary>
    public DateOnly FromOrEarliest => From ?? DateOnly.MinValue;

    public string Granularity => Cumulative ? CumulativeName : Daily;

    /// <summary>The query, or the parameter at fault and why. <c>to</c> defaults to today (UTC), <c>from</c> to no bound.</summary>
    public static (SeriesQuery? Query, string? Field, string? Error) Parse(string? platform, string? from, string? to, string? granularity, DateOnly today)
    {
        if ((platform ?? MeasurementJobs.Spotify) != MeasurementJobs.Spotify)
        {
            return (null, "platform", "platform must be spotify, the only platform measured so far");
        }

        if (!TryDay(from, out var start))
        {
            return (null, "from", $"from must be a date YYYY-MM-DD, not '{from}'");
        }

        if (!TryDay(to, out var end))
        {
            return (null, "to", $"to must be a date YYYY-MM-DD, not '{to}'");
        }

        if (start is { } s && end is { } e && s > e)
        {
            return (null, "from", "from must not be after to");
        }

        if (granularity is not (null or Daily or CumulativeName))
        {
            return (null, "granularity", $"granularity must be daily or cumulative, not '{granularity}'");
        }

        return (new SeriesQuery(MeasurementJobs.Spotify, start, end ?? today, granularity == CumulativeName), null, null);
    }

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            day = d;
            return true;
        }

        return false;
    }
}
