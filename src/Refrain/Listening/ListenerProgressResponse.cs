namespace Refrain.Listening;

/// <summary>
/// One listener and its progress: plays in total and by enrichment state (enriched, pending, unresolved), the percentage
/// enriched, token status (<c>status</c>) and expiry, last sync and last error. Never its tokens.
/// </summary>
public sealed record ListenerProgressResponse(
    long Id, long AccountId, string DisplayName, string? SpotifyUserId, string Status, DateTimeOffset? AccessExpiresAt,
    DateTimeOffset? RefreshExpiresAt, DateTimeOffset? LastSyncAt, string? LastError, DateTimeOffset CreatedAt,
    long TotalPlays, long Enriched, long Pending, long Unresolved, double PercentEnriched)
{
    public static ListenerProgressResponse From(ListenerProgress p) =>
        new(p.Listener.Id, p.Listener.AccountId, p.Listener.DisplayName, p.Listener.SpotifyUserId, p.Listener.Status, p.AccessExpiresAt,
            p.RefreshExpiresAt, p.Listener.LastSyncAt, p.Listener.LastError, p.Listener.CreatedAt,
            p.TotalPlays, p.Enriched, p.Pending, p.Unresolved, p.PercentEnriched);
}
