using System.Globalization;
using System.Net.Http.Headers;

namespace Refrain.Jobs;

/// <summary>Reads <c>Retry-After</c> as delta-seconds or an HTTP-date, in any header casing.</summary>
public static class RetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } typed)
        {
            if (typed.Delta is { } delta)
            {
                return delta;
            }

            if (typed.Date is { } date)
            {
                return Clamp(date - now);
            }
        }

        // HttpHeaders looks names up case-insensitively; this covers values the typed parser refused.
        return response.Headers.TryGetValues("Retry-After", out var values) ? Parse(values.FirstOrDefault(), now) : null;
    }

    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            return Clamp(date - now);
        }

        return null;
    }

    public static TimeSpan? Read(HttpResponseHeaders headers, DateTimeOffset now) =>
        headers.TryGetValues("Retry-After", out var values) ? Parse(values.FirstOrDefault(), now) : null;

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
}
