using Dapper;
using Refrain.Listening;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>One keyset page of listeners, oldest first: every account's, or those of <paramref name="accountId"/>.</summary>
    public async Task<IReadOnlyList<ListenerRecord>> ListListenersAsync(long? accountId, long? afterId, int limit, CancellationToken cancellationToken)
    {
        // Composed text rather than "@x IS NULL OR ...": PostgreSQL cannot type a parameter that is only ever null.
        var account = accountId is null ? "" : " AND l.account_id = @accountId";
        var after = afterId is null ? "" : " AND l.id > @afterId";
        var rows = await ReadAsync(c => c.QueryAsync<ListenerRow>(Command(
            $"SELECT {ListenerColumns} FROM listeners l JOIN accounts a ON a.id = l.account_id WHERE 1 = 1{account}{after} ORDER BY l.id LIMIT @limit",
            new { accountId, afterId, limit }, null, cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>
    /// The listener (when it exists and, with <paramref name="accountId"/>, belongs to that account) with its play counts by
    /// enrichment state, all counted in one pass over its plays, its possible gaps, and the clock's now for the expiry warning.
    /// </summary>
    public async Task<ListenerProgress?> GetListenerProgressAsync(long id, long? accountId, CancellationToken cancellationToken)
    {
        var account = accountId is null ? "" : " AND l.account_id = @accountId";
        var sql = $"""
            SELECT {ListenerColumns}, l.access_expires_at AS AccessExpiresAt, l.refresh_expires_at AS RefreshExpiresAt,
                   l.possible_gaps AS PossibleGaps, l.last_gap_at AS LastGapAt,
                   p.total AS TotalPlays, p.enriched AS Enriched, p.pending AS Pending, p.unresolved AS Unresolved
            FROM listeners l JOIN accounts a ON a.id = l.account_id
            CROSS JOIN (
                SELECT COUNT(*) AS total,
                       COALESCE(SUM(CASE WHEN enrich_state = 'enriched' THEN 1 ELSE 0 END), 0) AS enriched,
                       COALESCE(SUM(CASE WHEN enrich_state = 'pending' THEN 1 ELSE 0 END), 0) AS pending,
                       COALESCE(SUM(CASE WHEN enrich_state = 'unresolved' THEN 1 ELSE 0 END), 0) AS unresolved
                FROM plays WHERE listener_id = @id) p
            WHERE l.id = @id{account}
            """;
        var row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<ProgressRow>(Command(sql, new { id, accountId }, null, cancellationToken)), cancellationToken);
        return row is null
            ? null
            : new ListenerProgress(
                new ListenerRecord(row.Id, row.AccountId, row.AccountName, row.DisplayName, row.SpotifyUserId, row.Status, FromMs(row.LastSyncAt), row.LastError, FromMs(row.CreatedAt)),
                FromMs(row.AccessExpiresAt), FromMs(row.RefreshExpiresAt), row.TotalPlays, row.Enriched, row.Pending, row.Unresolved,
                row.PossibleGaps, FromMs(row.LastGapAt), Time.GetUtcNow());
    }

    /// <summary>
    /// Deletes the listener (when it exists and, with <paramref name="accountId"/>, belongs to that account) with its plays,
    /// tombstones and tokens, in one transaction; false when there was no such listener, and then nothing is deleted.
    /// </summary>
    public Task<bool> DeleteListenerAsync(long id, long? accountId, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var account = accountId is null ? "" : " AND account_id = @accountId";
            var args = new { id, accountId };
            var owned = await c.ExecuteScalarAsync<long>(Command($"SELECT COUNT(*) FROM listeners WHERE id = @id{account}", args, tx, cancellationToken));
            if (owned == 0)
            {
                return false;
            }

            // The listener's row goes first: on PostgreSQL that waits for any import or sync holding it FOR NO KEY UPDATE (plays
            // have no foreign key there), so the plays delete that follows, with a fresh snapshot, sees every play written.
            // Explicit deletes rather than relying on ON DELETE CASCADE.
            await c.ExecuteAsync(Command("DELETE FROM listeners WHERE id = @id", args, tx, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM plays WHERE listener_id = @id", args, tx, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM play_tombstones WHERE listener_id = @id", args, tx, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM connect_links WHERE listener_id = @id", args, tx, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM listen_uploads WHERE listener_id = @id", args, tx, cancellationToken));
            return true;
        }, cancellationToken);

    private sealed record ProgressRow(
        long Id, long AccountId, string AccountName, string DisplayName, string? SpotifyUserId, string Status, long? LastSyncAt, string? LastError,
        long CreatedAt, long? AccessExpiresAt, long? RefreshExpiresAt, long PossibleGaps, long? LastGapAt, long TotalPlays, long Enriched, long Pending, long Unresolved);
}
