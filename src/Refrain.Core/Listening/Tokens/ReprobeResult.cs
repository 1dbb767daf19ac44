namespace Refrain.Listening;

/// <summary>
/// What a re-probe of one listener found: <c>active</c> (the refresh token works again), <c>reauth_required</c> (Spotify still
/// refuses it), <c>failed</c> (Spotify could not answer now; try again later) or <c>skipped</c> (the listener did not need it).
/// </summary>
public sealed record ReprobeResult(long ListenerId, string Status, string? Error)
{
    public const string Active = "active";
    public const string ReauthRequired = "reauth_required";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    /// <summary>True when the listener still cannot be synced.</summary>
    public bool StillFailing => Status is ReauthRequired or Failed;
}
