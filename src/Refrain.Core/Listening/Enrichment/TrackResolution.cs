namespace Refrain.Listening.Enrichment;

/// <summary>
/// What enrichment knows of one distinct track (<c>track_resolutions</c>): <see cref="Key"/> is <c>id:&lt;spotify id&gt;</c> or
/// <c>name:&lt;name_key&gt;</c>. A <c>resolved</c> key carries the Spotify track's facts; an <c>unresolved</c> one its reason,
/// how many checks found nothing, and when to look again.
/// </summary>
public sealed record TrackResolution(string Key, string State)
{
    public const string Resolved = "resolved";
    public const string Unresolved = "unresolved";

    public string? SpotifyTrackId { get; init; }
    public string? Isrc { get; init; }
    public long? DurationMs { get; init; }
    public string? Album { get; init; }
    public string? Reason { get; init; }
    public long Checks { get; init; } = 1;
    public DateTimeOffset? RecheckAt { get; init; }

    /// <summary>The first re-check of an unresolved key comes after a day; each later one waits twice as long, at most 30 days.</summary>
    public static TimeSpan RecheckDelay(long checks) =>
        TimeSpan.FromDays(Math.Min(30, Math.Pow(2, Math.Clamp(checks - 1, 0, 10))));
}
