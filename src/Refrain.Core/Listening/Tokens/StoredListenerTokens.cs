namespace Refrain.Listening;

/// <summary>A listener's token columns as stored: ciphertext only (see <see cref="ITokenProtector"/>), with status and expiry.</summary>
public sealed record StoredListenerTokens(
    long ListenerId, string Status, string? SpotifyUserId, byte[]? AccessToken, byte[]? RefreshToken, DateTimeOffset? AccessExpiresAt);
