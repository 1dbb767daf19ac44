using Refrain.Jobs;

namespace Refrain.Providers.Spotify;

/// <summary>
/// An answer of <see cref="SpotifyUserAuth"/>: the value, or the outcome a job would return. <see cref="InvalidGrant"/> marks
/// the one refusal that needs the user rather than a retry: Spotify no longer honours the code or refresh token (revoked,
/// expired, already used), so the listener must reconnect.
/// </summary>
public sealed record SpotifyUserAnswer<T>(T? Value, JobOutcome? Outcome, bool InvalidGrant = false) where T : class
{
    /// <summary>True when <see cref="Value"/> holds the answer.</summary>
    public bool IsOk => Outcome is null;

    public static SpotifyUserAnswer<T> Of(T value) => new(value, null);

    public static SpotifyUserAnswer<T> Stop(JobOutcome outcome, bool invalidGrant = false) => new(null, outcome, invalidGrant);
}
