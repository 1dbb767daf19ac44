using Dapper;
using Refrain.Listening;
using Refrain.Listening.Sync;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    private const string InsertSyncs = """
        INSERT INTO jobs (account_id, source, job_type, subject, unique_key, args, provider, state, priority, max_attempts, run_at, created_at, run_id)
        SELECT l.account_id, 'spotify', 'sync_recently_played', 'listener:' || l.id, 'spotify:sync_recently_played:listener:' || l.id,
               '{}', 'spotify', 'pending', 0, 10, @now, @now, @run
        FROM listeners l
        WHERE l.status = 'active' AND l.refresh_token IS NOT NULL
        """;

    private const string SyncsTail = "ON CONFLICT (unique_key) WHERE state IN ('pending', 'running') DO NOTHING";

    // Two texts rather than "@account IS NULL OR ...": the listeners_status index serves the unfiltered sweep.
    private const string EnqueueAllSyncs = $"{InsertSyncs}\n{SyncsTail}";

    private const string EnqueueAccountSyncs = $"{InsertSyncs} AND l.account_id = @account\n{SyncsTail}";

    /// <summary>The listener's status, cursor and whether it holds tokens; null when it does not exist (any more).</summary>
    public async Task<ListenerSyncState?> GetListenerSyncStateAsync(long listenerId, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<SyncStateRow>(Command("""
            SELECT id AS Id, account_id AS AccountId, status AS Status,
                   CAST(CASE WHEN refresh_token IS NOT NULL THEN 1 ELSE 0 END AS BIGINT) AS Connected, sync_cursor AS SyncCursor
            FROM listeners WHERE id = @listenerId
            """, new { listenerId }, null, cancellationToken)), cancellationToken);
        return row is null ? null : new ListenerSyncState(row.Id, row.AccountId, row.Status, row.Connected == 1, row.SyncCursor);
    }

    /// <summary>
    /// Stores one sync in one transaction: the plays through the same merge as imports (tombstoned ingest keys are never
    /// re-added), the new cursor (kept when <paramref name="cursor"/> is null), the sync time, no error, and a possible gap
    /// when the answer came back full. Returns how many plays were new.
    /// </summary>
    internal Task<long> StoreSyncAsync(long listenerId, IReadOnlyList<PlayRow> plays, long? cursor, bool possibleGap, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var now = NowMs;
            var added = 0L;
            if (plays.Count > 0)
            {
                await LockListenerAsync(c, tx, listenerId, cancellationToken);
                added = await WritePlaysAsync(c, tx, listenerId, One(plays), now, cancellationToken);
            }

            await c.ExecuteAsync(Command("""
                UPDATE listeners
                SET sync_cursor = COALESCE(@cursor, sync_cursor), last_sync_at = @now, last_error = NULL,
                    possible_gaps = possible_gaps + @gap, last_gap_at = CASE WHEN @gap = 1 THEN @now ELSE last_gap_at END
                WHERE id = @listenerId
                """, new { listenerId, cursor, now, gap = possibleGap ? 1 : 0 }, tx, cancellationToken));
            return added;
        }, cancellationToken);

    /// <summary>Records why the listener's last sync failed (a message without any token or secret).</summary>
    public Task RecordSyncErrorAsync(long listenerId, string error, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command("UPDATE listeners SET last_error = @error WHERE id = @listenerId",
            new { listenerId, error }, tx, cancellationToken)), cancellationToken);

    /// <summary>
    /// One sync job per active listener that holds tokens (of <paramref name="accountId"/> when given), as children of
    /// <paramref name="runId"/>, in one statement; a listener whose sync is already queued keeps that job.
    /// </summary>
    public Task<int> EnqueueListenerSyncsAsync(long? runId, long? accountId, CancellationToken cancellationToken) =>
        SweepAsync(accountId is null ? EnqueueAllSyncs : EnqueueAccountSyncs, runId,
            new { run = runId, account = accountId, now = NowMs }, cancellationToken);

    /// <summary>Connected listeners whose refresh token expires by <paramref name="until"/> (already expired included), soonest first.</summary>
    public async Task<IReadOnlyList<ExpiringListener>> ListExpiringListenersAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<(long Id, long AccountId, long At)>(Command("""
            SELECT id, account_id, refresh_expires_at FROM listeners
            WHERE refresh_token IS NOT NULL AND refresh_expires_at IS NOT NULL AND refresh_expires_at <= @until
            ORDER BY refresh_expires_at, id
            """, new { until = until.ToUnixTimeMilliseconds() }, null, cancellationToken)), cancellationToken);
        return rows.Select(r => new ExpiringListener(r.Id, r.AccountId, FromMs(r.At))).ToList();
    }

    /// <summary>
    /// Marks connected listeners (of <paramref name="accountId"/> when given) whose refresh token expires within 7 days, and
    /// within 30 days, as reported in that band (<c>expiry_reported_days</c>), unless already reported in it or a nearer one;
    /// returns the ids newly reported in each, in one transaction. Reconnecting clears the mark.
    /// </summary>
    public Task<(IReadOnlyList<long> Within7Days, IReadOnlyList<long> Within30Days)> MarkExpiryReportedAsync(
        DateTimeOffset now, long? accountId, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var account = accountId is null ? "" : " AND account_id = @accountId";
            var args = new { accountId, in7 = now.AddDays(7).ToUnixTimeMilliseconds(), in30 = now.AddDays(30).ToUnixTimeMilliseconds() };
            var week = await c.QueryAsync<long>(Command($"""
                UPDATE listeners SET expiry_reported_days = 7
                WHERE refresh_token IS NOT NULL AND refresh_expires_at <= @in7 AND (expiry_reported_days IS NULL OR expiry_reported_days > 7){account}
                RETURNING id
                """, args, tx, cancellationToken));
            var month = await c.QueryAsync<long>(Command($"""
                UPDATE listeners SET expiry_reported_days = 30
                WHERE refresh_token IS NOT NULL AND refresh_expires_at > @in7 AND refresh_expires_at <= @in30
                  AND (expiry_reported_days IS NULL OR expiry_reported_days > 30){account}
                RETURNING id
                """, args, tx, cancellationToken));
            return ((IReadOnlyList<long>)week.Order().ToList(), (IReadOnlyList<long>)month.Order().ToList());
        }, cancellationToken);

    private static async IAsyncEnumerable<IReadOnlyList<PlayRow>> One(IReadOnlyList<PlayRow> plays)
    {
        await Task.CompletedTask;
        yield return plays;
    }

    private sealed record SyncStateRow(long Id, long AccountId, string Status, long Connected, long? SyncCursor);
}
