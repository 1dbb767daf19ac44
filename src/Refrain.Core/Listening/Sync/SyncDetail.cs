using System.Globalization;
using System.Text.RegularExpressions;

namespace Refrain.Listening.Sync;

/// <summary>A sync job's detail ("added 12 of 50 plays, possible gap"), written by the job and read back by the run summary.</summary>
internal static partial class SyncDetail
{
    public static string Format(long added, int read, bool possibleGap) =>
        string.Create(CultureInfo.InvariantCulture, $"added {added} of {read} plays{(possibleGap ? ", possible gap" : "")}");

    /// <summary>The plays added and whether a gap was flagged; null for a detail that is not a sync's (a skip).</summary>
    public static (long Added, bool PossibleGap)? Parse(string? detail) =>
        detail is not null && Pattern().Match(detail) is { Success: true } m
            ? (long.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture), m.Groups[2].Success)
            : null;

    [GeneratedRegex(@"^added (\d+) of \d+ plays(, possible gap)?$")]
    private static partial Regex Pattern();
}
