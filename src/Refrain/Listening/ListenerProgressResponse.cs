namespace Refrain.Listening;

/// <summary>
/// One listener and its progress: plays in total and by enrichment state (enriched, pending, unresolved), the percentage
/// enriched, token status (<c>status</c>) and expiry (access and refresh; whole days until the refresh token expires and the
/// warning band <c>30_days</c>/<c>7_days</c> it is in, else null), last sync, possible gaps (syncs that came back full, so
/// plays may be missing) and when the last one was, and last error. Never its tokens.
/// </summary>
public sealed record ListenerProgressResponse(
    long Id, long AccountId, string DisplayName, string? SpotifyUserId, string Status, DateTimeOffset? AccessExpiresAt,
    DateTimeOffset? RefreshExpiresAt, long? RefreshExpiresInDays, string? ExpiryWarning, DateTimeOffset? LastSyncAt, long PossibleGaps,
    DateTimeOffset? LastGapAt, string? LastError, DateTimeOffset CreatedAt,
    long TotalPlays, long Enriched, long Pending, long Unresolved, double PercentEnriched)
{
    public static ListenerProgressResponse From(ListenerProgress p) =>
        new(p.Listener.Id, p.Listener.AccountId, p.Listener.DisplayName, p.Listener.SpotifyUserId, p.Listener.Status, p.AccessExpiresAt,
            p.RefreshExpiresAt, p.RefreshExpiresInDays, p.ExpiryWarning, p.Listener.LastSyncAt, p.PossibleGaps, p.LastGapAt,
            p.Listener.LastError, p.Listener.CreatedAt, p.TotalPlays, p.Enriched, p.Pending, p.Unresolved, p.PercentEnriched);
}
