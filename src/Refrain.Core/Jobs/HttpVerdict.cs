namespace Refrain.Jobs;

/// <summary>How an HTTP status reads for a job (DESIGN §4).</summary>
public enum HttpVerdict
{
    /// <summary>2xx: parse the body.</summary>
    Success,

    /// <summary>404: nothing to fetch, terminal.</summary>
    NoData,

    /// <summary>429 (and MusicBrainz's 503): pause the provider and snooze.</summary>
    TooManyRequests,

    /// <summary>408, 5xx: try again with backoff.</summary>
    Retry,

    /// <summary>Any other 4xx: terminal failure.</summary>
    Permanent,
}
