using System.Globalization;
using System.Net.Http.Headers;

namespace Refrain.Jobs;

/// <summary>Reads <c>Retry-After</c> as delta-seconds or an HTTP-date, in any header casing.</summary>
public static class RetryAfter
{
    private const long MaxSeconds = 10L * 365 * 24 * 3600;

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
            // A delay beyond any sane pause is clamped rather than overflowing TimeSpan.
            return TimeSpan.FromSeconds(Math.Min(seconds, MaxSeconds));
        }

        // The header parser knows exactly the three HTTP-date forms of RFC 9110 §5.6.7 and refuses anything else.
        if (RetryConditionHeaderValue.TryParse(value, out var parsed) && parsed.Date is { } date)
        {
            return Clamp(date - now);
        }

        return null;
    }

    public static TimeSpan? Read(HttpResponseHeaders headers, DateTimeOffset now) =>
        headers.TryGetValues("Retry-After", out var values) ? Parse(values.FirstOrDefault(), now) : null;

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
}
