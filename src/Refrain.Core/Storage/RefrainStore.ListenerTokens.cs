using Dapper;
using Refrain.Listening;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>The listener's stored (encrypted) tokens, status and access expiry; null when there is no such listener.</summary>
    public async Task<StoredListenerTokens?> GetListenerTokensAsync(long listenerId, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<TokenRow>(Command(
            """
            SELECT id AS Id, status AS Status, spotify_user_id AS SpotifyUserId, access_token AS AccessToken, refresh_token AS RefreshToken,
                   access_expires_at AS AccessExpiresAt
            FROM listeners WHERE id = @listenerId
            """, new { listenerId }, null, cancellationToken)), cancellationToken);
        return row is null ? null : new StoredListenerTokens(row.Id, row.Status, row.SpotifyUserId, row.AccessToken, row.RefreshToken, FromMs(row.AccessExpiresAt));
    }

    /// <summary>
    /// Stores a refreshed access token and its expiry, and the rotated refresh token when Spotify sent one (else the old one
    /// stays). With <paramref name="activate"/> (a re-probe that worked) the listener becomes active and its last error clears.
    /// </summary>
    public Task StoreRefreshedListenerTokensAsync(long listenerId, byte[] accessToken, byte[]? refreshToken, DateTimeOffset accessExpiresAt, bool activate,
        CancellationToken cancellationToken)
    {
        // Composed text rather than COALESCE(@refreshToken, ...): PostgreSQL cannot type a parameter that is only ever null.
        var refresh = refreshToken is null ? "" : ", refresh_token = @refreshToken";
        var status = activate ? ", status = 'active', last_error = NULL" : "";
        return WriteAsync((c, tx) => c.ExecuteAsync(Command(
            $"UPDATE listeners SET access_token = @accessToken, access_expires_at = @accessExpiresAt{refresh}{status} WHERE id = @listenerId",
            new { listenerId, accessToken, refreshToken, accessExpiresAt = accessExpiresAt.ToUnixTimeMilliseconds() }, tx, cancellationToken)), cancellationToken);
    }

    /// <summary>Marks the listener <c>reauth_required</c> with <paramref name="error"/>; its tokens stay for a re-probe.</summary>
    public Task MarkListenerReauthRequiredAsync(long listenerId, string error, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command(
            "UPDATE listeners SET status = 'reauth_required', last_error = @error WHERE id = @listenerId",
            new { listenerId, error }, tx, cancellationToken)), cancellationToken);

    /// <summary>Every listener whose status is <c>reauth_required</c>, by id.</summary>
    public async Task<IReadOnlyList<long>> ListReauthRequiredListenersAsync(CancellationToken cancellationToken)
    {
        var ids = await ReadAsync(c => c.QueryAsync<long>(Command(
            "SELECT id FROM listeners WHERE status = 'reauth_required' ORDER BY id", null, null, cancellationToken)), cancellationToken);
        return ids.ToList();
    }

    private sealed record TokenRow(long Id, string Status, string? SpotifyUserId, byte[]? AccessToken, byte[]? RefreshToken, long? AccessExpiresAt);
}
