using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// One keyset page of listeners, oldest first, each with its token expiry, possible gaps and play counts by enrichment
    /// state: the page is picked first, then its plays are counted in one grouped pass over <c>plays_enrich</c>.
    /// </summary>
    public async Task<IReadOnlyList<ListenerOverview>> ListListenerOverviewsAsync(long? accountId, long? afterId, int limit, CancellationToken cancellationToken)
    {
        // Composed text rather than "@x IS NULL OR ...": PostgreSQL cannot type a parameter that is only ever null.
        var account = accountId is null ? "" : " AND account_id = @accountId";
        var after = afterId is null ? "" : " AND id > @afterId";
        var sql = $"""
            WITH page AS (SELECT id FROM listeners WHERE 1 = 1{account}{after} ORDER BY id LIMIT @limit),
                 counts AS (
                     SELECT p.listener_id, COUNT(*) AS total,
                            SUM(CASE WHEN p.enrich_state = 'enriched' THEN 1 ELSE 0 END) AS enriched,
                            SUM(CASE WHEN p.enrich_state = 'pending' THEN 1 ELSE 0 END) AS pending,
                            SUM(CASE WHEN p.enrich_state = 'unresolved' THEN 1 ELSE 0 END) AS unresolved
                     FROM plays p WHERE p.listener_id IN (SELECT id FROM page) GROUP BY p.listener_id)
            SELECT l.id, l.account_id, a.name AS account_name, l.display_name, l.spotify_user_id, l.status, l.last_sync_at, l.last_error,
                   l.refresh_expires_at, l.possible_gaps, l.last_gap_at,
                   COALESCE(c.total, 0) AS total_plays, COALESCE(c.enriched, 0) AS enriched, COALESCE(c.pending, 0) AS pending,
                   COALESCE(c.unresolved, 0) AS unresolved
            FROM page JOIN listeners l ON l.id = page.id JOIN accounts a ON a.id = l.account_id LEFT JOIN counts c ON c.listener_id = l.id
            ORDER BY l.id
            """;
        return (await ReadAsync(c => c.QueryAsync<ListenerOverview>(Command(sql, new { accountId, afterId, limit }, null, cancellationToken)), cancellationToken)).ToList();
    }

    /// <summary>A listener as the dashboard's list shows it: times in Unix ms, as stored.</summary>
    public sealed class ListenerOverview
    {
        public long Id { get; set; }
        public long AccountId { get; set; }
        public string AccountName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string? SpotifyUserId { get; set; }
        public string Status { get; set; } = "";
        public long? LastSyncAt { get; set; }
        public string? LastError { get; set; }
        public long? RefreshExpiresAt { get; set; }
        public long PossibleGaps { get; set; }
        public long? LastGapAt { get; set; }
        public long TotalPlays { get; set; }
        public long Enriched { get; set; }
        public long Pending { get; set; }
        public long Unresolved { get; set; }
    }
}
