namespace Refrain.Sandbox;

/// <summary>How a 429 (or MusicBrainz's 503) says when to come back.</summary>
public enum RetryAfterStyle
{
    /// <summary><c>Retry-After: 12</c> (delta-seconds, rounded up).</summary>
    Seconds,

    /// <summary><c>Retry-After: Sun, 22 Nov 2026 12:02:00 GMT</c> (an HTTP-date, rounded up to the second).</summary>
    HttpDate,

    /// <summary><c>Retry-After: 0</c>, as Spotify sometimes sends.</summary>
    Zero,

    /// <summary>No <c>Retry-After</c> header at all.</summary>
    Missing,
}
