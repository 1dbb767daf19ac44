using System.Globalization;
using Microsoft.Extensions.Options;
using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Storage;

namespace Refrain.Listening.Connect;

/// <summary>
/// Connecting a listener's Spotify account (issue 5 §2): a signed, expiring, single-use link; opening it starts an
/// Authorization Code flow with PKCE; the callback checks the signed state, completes the link once, exchanges the code,
/// stores the tokens encrypted and enqueues the listener's first sync at once.
/// </summary>
internal sealed class SpotifyConnector(
    RefrainStore store, ConnectSecrets secrets, ITokenProtector tokens, SpotifyUserAuth auth, ProviderGate gate,
    IOptions<SpotifyConnectOptions> connectOptions, IOptions<SpotifyOptions> spotifyOptions, TimeProvider time, ILogger<SpotifyConnector> logger)
{
    /// <summary>Refresh tokens expire this long after the authorization (DESIGN §6).</summary>
    public static readonly int RefreshTokenMonths = 6;

    /// <summary>The one answer for every bad link: which check failed is not the visitor's business.</summary>
    public static readonly ConnectResult InvalidLink = new(StatusCodes.Status400BadRequest, "Link not valid",
        "This connect link is not valid: it may have expired or been used already. Ask for a new one.");

    private static readonly ConnectResult InvalidState = new(StatusCodes.Status400BadRequest, "Not connected",
        "This sign-in could not be checked or was already completed. Open a new connect link to try again.");

    private SpotifyConnectOptions Options => connectOptions.Value;

    /// <summary>
    /// Why this node cannot connect anyone (the Spotify app's client id or secret is not configured), or null when it can.
    /// Checked before a link is made, so no one is handed a link that cannot work.
    /// </summary>
    public string? NotConfigured =>
        string.IsNullOrWhiteSpace(spotifyOptions.Value.ClientId) || string.IsNullOrWhiteSpace(spotifyOptions.Value.ClientSecret)
            ? $"Spotify is not configured on this server: set {SpotifyOptions.Section}:ClientId and {SpotifyOptions.Section}:ClientSecret (the Spotify app's credentials)"
            : null;

    /// <summary>A new link for the listener (when it exists in <paramref name="accountId"/>'s scope), built on <paramref name="root"/>.</summary>
    public async Task<ConnectLinkResponse?> CreateLinkAsync(long listenerId, long? accountId, Uri root, CancellationToken cancellationToken)
    {
        var nonce = ConnectSecrets.NewNonce();
        var expiresAt = time.GetUtcNow() + Options.ConnectLinkLifetime;
        if (!await store.CreateConnectLinkAsync(listenerId, accountId, nonce, expiresAt, cancellationToken))
        {
            return null;
        }

        ConnectLog.LinkCreated(logger, listenerId, expiresAt);
        var url = new Uri((Options.PublicBaseUrl ?? root).AbsoluteUri.TrimEnd('/') + "/connect/spotify/start?link=" + secrets.LinkToken(nonce));
        return new ConnectLinkResponse(url, DateTimeOffset.FromUnixTimeMilliseconds(expiresAt.ToUnixTimeMilliseconds()));
    }

    /// <summary>Opens a link once: the Spotify authorize URL to redirect to, or null when the link is forged, expired or used.</summary>
    public async Task<Uri?> OpenAsync(string? link, CancellationToken cancellationToken)
    {
        if (secrets.LinkNonce(link) is not { } nonce)
        {
            ConnectLog.Refused(logger, "connect link not signed here");
            return null;
        }

        var verifier = ConnectSecrets.NewVerifier();
        if (await store.OpenConnectLinkAsync(nonce, tokens.Protect(verifier), cancellationToken) is null)
        {
            ConnectLog.Refused(logger, "connect link unknown, expired or already used");
            return null;
        }

        var spotify = spotifyOptions.Value;
        var query = string.Join('&',
            $"client_id={Uri.EscapeDataString(spotify.ClientId ?? "")}",
            "response_type=code",
            $"redirect_uri={Uri.EscapeDataString(Options.RedirectUri.OriginalString)}",
            $"scope={Uri.EscapeDataString(SpotifyUserAuth.Scope)}",
            "code_challenge_method=S256",
            $"code_challenge={ConnectSecrets.Challenge(verifier)}",
            $"state={secrets.State(nonce)}");
        return SpotifyClient.Join(spotify.AccountsBaseUrl, "/authorize?" + query);
    }

    /// <summary>The OAuth callback: what to tell the browser. The listener changes only when the whole exchange succeeded.</summary>
    public async Task<ConnectResult> CompleteAsync(string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        if (secrets.StateNonce(state) is not { } nonce)
        {
            ConnectLog.Refused(logger, "state not signed here");
            return InvalidState;
        }

        // Completing the link first makes a replayed state fail here, before any code is spent.
        if (await store.CompleteConnectLinkAsync(nonce, Options.ConnectStateLifetime, cancellationToken) is not { } link)
        {
            ConnectLog.Refused(logger, "state already completed, unknown or too old");
            return InvalidState;
        }

        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            var reason = string.IsNullOrEmpty(error) ? "no code" : error;
            ConnectLog.Failed(logger, link.ListenerId, $"Spotify answered {reason}");
            return new ConnectResult(StatusCodes.Status400BadRequest, "Not connected",
                error == "access_denied" ? "Spotify access was not granted, so nothing changed." : $"Spotify did not authorize the connection ({reason}), so nothing changed.");
        }

        var call = ProviderCall.Direct(gate, store, time, SpotifyClient.Provider);
        var authorizedAt = time.GetUtcNow();
        var verifier = tokens.Unprotect(link.ProtectedVerifier);
        var granted = await auth.ExchangeCodeAsync(call, code, verifier, Options.RedirectUri.OriginalString, cancellationToken);
        if (!granted.IsOk)
        {
            ConnectLog.Failed(logger, link.ListenerId, granted.Outcome!.ToString());
            return granted.InvalidGrant
                ? new ConnectResult(StatusCodes.Status400BadRequest, "Not connected", "Spotify did not accept the sign-in. Open a new connect link to try again.")
                : Unavailable;
        }

        var token = granted.Value!;
        var profile = await auth.GetProfileAsync(call, token.AccessToken, cancellationToken);
        if (!profile.IsOk)
        {
            ConnectLog.Failed(logger, link.ListenerId, profile.Outcome!.ToString());
            return Unavailable;
        }

        var accountId = await store.StoreListenerAuthorizationAsync(link.ListenerId, profile.Value!.Id,
            tokens.Protect(token.AccessToken), tokens.Protect(token.RefreshToken!),
            authorizedAt + token.ExpiresIn, authorizedAt.AddMonths(RefreshTokenMonths), authorizedAt, cancellationToken);
        if (accountId is null)
        {
            ConnectLog.Refused(logger, "listener deleted during the sign-in");
            return InvalidState;
        }

        var sync = await store.EnqueueAsync(new NewJob("spotify", "sync_recently_played", string.Create(CultureInfo.InvariantCulture, $"listener:{link.ListenerId}"))
        {
            AccountId = accountId,
            Provider = SpotifyClient.Provider,
        }, cancellationToken);
        ConnectLog.Connected(logger, link.ListenerId, profile.Value.Id, sync.Inserted ? "enqueued" : "already queued");
        return new ConnectResult(StatusCodes.Status200OK, "Connected", "Spotify is connected. Your listening history will sync shortly; you can close this page.");
    }

    private static readonly ConnectResult Unavailable = new(StatusCodes.Status502BadGateway, "Not connected",
        "Spotify could not be reached to finish the connection. Open a new connect link to try again later.");
}
