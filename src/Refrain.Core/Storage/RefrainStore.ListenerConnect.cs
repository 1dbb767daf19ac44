using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// Records a connect link for the listener (when it exists and, with <paramref name="accountId"/>, belongs to that
    /// account); false when there is no such listener, and then nothing is stored.
    /// </summary>
    public Task<bool> CreateConnectLinkAsync(long listenerId, long? accountId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var account = accountId is null ? "" : " AND account_id = @accountId";
            return await c.ExecuteAsync(Command(
                $"INSERT INTO connect_links (nonce, listener_id, expires_at, created_at) SELECT @nonce, id, @expiresAt, @now FROM listeners WHERE id = @listenerId{account}",
                new { nonce, listenerId, accountId, expiresAt = expiresAt.ToUnixTimeMilliseconds(), now = NowMs }, tx, cancellationToken)) == 1;
        }, cancellationToken);

    /// <summary>
    /// Opens the link once: one conditional update that only an unopened, unexpired link passes, storing the (encrypted) PKCE
    /// verifier of the authorization it starts. The listener's id, or null when the link is unknown, used or expired.
    /// </summary>
    public Task<long?> OpenConnectLinkAsync(string nonce, byte[] protectedVerifier, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteScalarAsync<long?>(Command(
            $"""
            UPDATE connect_links SET opened_at = @now, code_verifier = @protectedVerifier
            WHERE nonce = @nonce AND opened_at IS NULL AND expires_at > @now AND {LinkOfLiveListener}
            RETURNING listener_id
            """,
            new { nonce, protectedVerifier, now = NowMs }, tx, cancellationToken)), cancellationToken);

    /// <summary>
    /// The link's listener still exists and is not younger than the link. SQLite enforces no cascade unless a connection asks
    /// for it, and it may give a deleted listener's id to the next one: a link left behind must not connect that stranger.
    /// </summary>
    private const string LinkOfLiveListener =
        "EXISTS (SELECT 1 FROM listeners l WHERE l.id = connect_links.listener_id AND l.created_at <= connect_links.created_at)";

    /// <summary>
    /// Completes an opened link once (the OAuth callback), within <paramref name="maxAge"/> of its opening: the listener's id
    /// and the encrypted PKCE verifier, or null when the link is unknown, unopened, already completed or too old.
    /// </summary>
    public async Task<(long ListenerId, byte[] ProtectedVerifier)?> CompleteConnectLinkAsync(string nonce, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var row = await WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<CompletedLink>(Command(
            $"""
            UPDATE connect_links SET completed_at = @now
            WHERE nonce = @nonce AND opened_at IS NOT NULL AND completed_at IS NULL AND opened_at > @cutoff AND code_verifier IS NOT NULL
              AND {LinkOfLiveListener}
            RETURNING listener_id AS ListenerId, code_verifier AS CodeVerifier
            """,
            new { nonce, now = NowMs, cutoff = NowMs - (long)maxAge.TotalMilliseconds }, tx, cancellationToken)), cancellationToken);
        return row is null ? null : (row.ListenerId, row.CodeVerifier);
    }

    /// <summary>
    /// Stores a fresh authorization: the encrypted tokens, their expiries and the Spotify user; the listener becomes active,
    /// its last error and expiry report are cleared. The listener's account, or null when the listener is gone.
    /// </summary>
    public Task<long?> StoreListenerAuthorizationAsync(long listenerId, string spotifyUserId, byte[] accessToken, byte[] refreshToken,
        DateTimeOffset accessExpiresAt, DateTimeOffset refreshExpiresAt, DateTimeOffset authorizedAt, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteScalarAsync<long?>(Command(
            """
            UPDATE listeners SET spotify_user_id = @spotifyUserId, access_token = @accessToken, refresh_token = @refreshToken,
                access_expires_at = @accessExpiresAt, refresh_expires_at = @refreshExpiresAt, authorized_at = @authorizedAt,
                status = 'active', last_error = NULL, expiry_reported_days = NULL
            WHERE id = @listenerId RETURNING account_id
            """,
            new
            {
                listenerId, spotifyUserId, accessToken, refreshToken,
                accessExpiresAt = accessExpiresAt.ToUnixTimeMilliseconds(), refreshExpiresAt = refreshExpiresAt.ToUnixTimeMilliseconds(),
                authorizedAt = authorizedAt.ToUnixTimeMilliseconds(),
            }, tx, cancellationToken)), cancellationToken);

    /// <summary>
    /// Drops the listener's tokens and marks it <c>disconnected</c> (when it exists and, with <paramref name="accountId"/>,
    /// belongs to that account); its plays stay. False when there is no such listener.
    /// </summary>
    public Task<bool> DisconnectListenerAsync(long listenerId, long? accountId, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var account = accountId is null ? "" : " AND account_id = @accountId";
            return await c.ExecuteAsync(Command(
                $"""
                UPDATE listeners SET access_token = NULL, refresh_token = NULL, access_expires_at = NULL, refresh_expires_at = NULL, status = 'disconnected'
                WHERE id = @listenerId{account}
                """,
                new { listenerId, accountId }, tx, cancellationToken)) == 1;
        }, cancellationToken);

    private sealed record CompletedLink(long ListenerId, byte[] CodeVerifier);
}
