namespace Refrain.Listening.Sync;

/// <summary>A connected listener whose refresh token expires soon, and when.</summary>
public sealed record ExpiringListener(long Id, long AccountId, DateTimeOffset RefreshExpiresAt);
