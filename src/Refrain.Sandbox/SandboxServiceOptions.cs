namespace Refrain.Sandbox;

/// <summary>
/// One stand-in service's limit and faults. Every property may be changed while the sandbox runs; the next request sees it.
/// Each fault rate is a probability per request in [0, 1], rolled independently in this order: quota, extra 429, timeout,
/// 5xx, malformed body.
/// </summary>
public sealed class SandboxServiceOptions
{
    /// <summary>Requests answered in any rolling <see cref="Window"/>; beyond it, 429 (MusicBrainz: 503). 0 means unlimited.</summary>
    public int RequestsPerWindow { get; set; }

    /// <summary>The rolling window. Default 30 seconds.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How 429s say when to come back. Default <see cref="RetryAfterStyle.Seconds"/>.</summary>
    public RetryAfterStyle RetryAfter { get; set; } = RetryAfterStyle.Seconds;

    /// <summary>Share of 429s sent with an empty body (Spotify does that). Quota 429s always carry their body.</summary>
    public double EmptyTooManyRequestsBodyRate { get; set; }

    /// <summary>Share of requests answered 429 with <c>"reason": "QUOTA_EXCEEDED"</c> (Spotify; MusicBrainz answers 503).</summary>
    public double QuotaExceededRate { get; set; }

    /// <summary>The wait a quota 429 announces. Default 1 hour.</summary>
    public TimeSpan QuotaRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Share of requests answered 429 although the limit is not reached.</summary>
    public double TooManyRequestsRate { get; set; }

    /// <summary>The wait those extra 429s announce. Default 5 seconds.</summary>
    public TimeSpan TooManyRequestsRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of requests that hang for <see cref="Hang"/> (longer than a client's timeout) before a 504.</summary>
    public double TimeoutRate { get; set; }

    /// <summary>How long a timed-out request hangs. Default 2 minutes.</summary>
    public TimeSpan Hang { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Share of requests answered 500, 502 or 503 (MusicBrainz: 500 or 502; its 503 means the rate limit).</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share of successful answers whose JSON body is cut in half (status 200, still <c>application/json</c>).</summary>
    public double MalformedRate { get; set; }

    /// <summary>A 429 storm: until this time (on the sandbox clock) every request is refused with a <c>Retry-After</c> to its end.</summary>
    public DateTimeOffset? StormUntil { get; set; }
}
