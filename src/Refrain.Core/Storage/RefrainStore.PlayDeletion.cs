using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// Deletes the listener's plays that ended in <c>[fromMs, toMs)</c> (an open side is unbounded) and leaves a tombstone for
    /// each ingest key, one statement each in one transaction, so neither a re-import nor a sync brings them back. Returns
    /// how many plays were deleted.
    /// </summary>
    public Task<int> DeletePlaysAsync(long listenerId, long? fromMs, long? toMs, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            // Composed text rather than "@x IS NULL OR ...": PostgreSQL cannot type a parameter that is only ever null.
            var range = (fromMs is null ? "" : " AND played_at >= @fromMs") + (toMs is null ? "" : " AND played_at < @toMs");
            var args = new { listenerId, fromMs, toMs, now = NowMs };
            await c.ExecuteAsync(Command($"""
                INSERT INTO play_tombstones (listener_id, ingest_key, deleted_at)
                SELECT listener_id, ingest_key, @now FROM plays WHERE listener_id = @listenerId{range}
                ON CONFLICT (listener_id, ingest_key) DO NOTHING
                """, args, tx, cancellationToken));
            return await c.ExecuteAsync(Command($"DELETE FROM plays WHERE listener_id = @listenerId{range}", args, tx, cancellationToken));
        }, cancellationToken);
}
