using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// Deletes the listener's plays that ended in <c>[fromMs, toMs)</c> (an open side is unbounded) and leaves a tombstone for
    /// each (its ingest key, name hash and end time), one statement each in one transaction, so neither a re-import, a sync
    /// nor another source of the same play brings them back. Locks the listener first, like a write. Returns how many plays
    /// were deleted.
    /// </summary>
    public Task<int> DeletePlaysAsync(long listenerId, long? fromMs, long? toMs, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            await LockListenerAsync(c, tx, listenerId, cancellationToken);
            // Composed text rather than "@x IS NULL OR ...": PostgreSQL cannot type a parameter that is only ever null.
            var range = (fromMs is null ? "" : " AND played_at >= @fromMs") + (toMs is null ? "" : " AND played_at < @toMs");
            var args = new { listenerId, fromMs, toMs, now = NowMs };
            await c.ExecuteAsync(Command($"""
                INSERT INTO play_tombstones (listener_id, ingest_key, name_key, played_at, precision_ms, deleted_at)
                SELECT listener_id, ingest_key, name_key, played_at, precision_ms, @now FROM plays WHERE listener_id = @listenerId{range}
                ON CONFLICT (listener_id, ingest_key) DO NOTHING
                """, args, tx, cancellationToken));
            return await c.ExecuteAsync(Command($"DELETE FROM plays WHERE listener_id = @listenerId{range}", args, tx, cancellationToken));
        }, cancellationToken);
}
