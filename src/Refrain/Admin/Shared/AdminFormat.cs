using System.Globalization;

namespace Refrain.Admin.Shared;

/// <summary>How the dashboard writes times and spans: UTC, to the second, with a relative hint a person reads faster.</summary>
public static class AdminFormat
{
    public static string When(DateTimeOffset? at, DateTimeOffset now) =>
        at is not { } t ? "—" : $"{t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z ({Relative(t - now)})";

    public static string When(long? unixMs, DateTimeOffset now) =>
        When(unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, now);

    /// <summary>The time alone, for tables where the relative hint would crowd the column.</summary>
    public static string Utc(DateTimeOffset? at) =>
        at is not { } t ? "—" : t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z";

    /// <summary>"in 3 min" or "2 h ago".</summary>
    public static string Relative(TimeSpan offset) =>
        offset >= TimeSpan.Zero ? $"in {Span(offset)}" : $"{Span(-offset)} ago";

    /// <summary>A span in its largest sensible unit: 850 ms, 12 s, 4 min, 3 h, 2 d.</summary>
    public static string Span(TimeSpan? span)
    {
        if (span is not { } s)
        {
            return "—";
        }

        return s.TotalSeconds < 1 ? $"{(int)s.TotalMilliseconds} ms"
            : s.TotalMinutes < 1 ? $"{(int)s.TotalSeconds} s"
            : s.TotalHours < 1 ? $"{(int)s.TotalMinutes} min"
            : s.TotalDays < 2 ? $"{(int)s.TotalHours} h"
            : $"{(int)s.TotalDays} d";
    }

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
