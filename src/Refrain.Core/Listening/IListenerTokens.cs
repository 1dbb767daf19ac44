using Refrain.Providers;

namespace Refrain.Listening;

/// <summary>
/// The token lifecycle of a connected listener (issue 5 §3), for jobs that call Spotify on the listener's behalf: decrypts
/// the stored tokens, refreshes the access token when it expires within five minutes (keeping the old refresh token when
/// the answer has none), and turns an <c>invalid_grant</c> into status <c>reauth_required</c> with a permanent outcome (the
/// stored token is kept for a re-probe). A transient failure of the refresh is a retry; a listener that is not connected
/// (no tokens, status other than <c>active</c>) is a permanent outcome naming its status.
/// </summary>
public interface IListenerTokens
{
    /// <summary>A usable access token, refreshing first when it expires within five minutes.</summary>
    Task<ProviderResult<ListenerAccess>> GetAccessAsync(ProviderCall call, long listenerId, CancellationToken cancellationToken);

    /// <summary>Refreshes now whatever the expiry says: the API answered 401 to the current access token.</summary>
    Task<ProviderResult<ListenerAccess>> RefreshAsync(ProviderCall call, long listenerId, CancellationToken cancellationToken);
}
