namespace Refrain.Listening;

/// <summary>A person whose listening history Refrain keeps, owned by one account. Tokens never leave the store here.</summary>
public sealed record ListenerRecord(
    long Id, long AccountId, string AccountName, string DisplayName, string? SpotifyUserId, string Status,
    DateTimeOffset? LastSyncAt, string? LastError, DateTimeOffset CreatedAt);
