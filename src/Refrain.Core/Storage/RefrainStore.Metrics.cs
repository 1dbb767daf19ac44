using Dapper;
using Refrain.Metrics;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>Per source, the pending jobs due at <paramref name="now"/> and the oldest one's <c>run_at</c> (one scan of the pending rows).</summary>
    public async Task<IReadOnlyList<QueueStat>> ListQueueStatsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<(string Source, long Depth, long? OldestRunAt)>(Command("""
            SELECT source, COUNT(*), MIN(run_at)
            FROM jobs WHERE state = 'pending' AND run_at <= @now GROUP BY source ORDER BY source
            """, new { now = now.ToUnixTimeMilliseconds() }, null, cancellationToken)), cancellationToken))
            .Select(r => new QueueStat(r.Source, r.Depth, r.OldestRunAt)).ToList();

    /// <summary>Every schedule with the end of its latest <c>succeeded</c> run (runs are matched by name and account).</summary>
    public async Task<IReadOnlyList<ScheduleSuccess>> ListScheduleSuccessesAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<(string Name, long? AccountId, long? LastSuccessAt)>(Command("""
            SELECT s.name, s.account_id, MAX(r.ended_at)
            FROM schedules s
            LEFT JOIN runs r ON r.schedule_name = s.name AND COALESCE(r.account_id, 0) = COALESCE(s.account_id, 0) AND r.state = 'succeeded'
            GROUP BY s.name, s.account_id ORDER BY s.name, s.account_id
            """, null, null, cancellationToken)), cancellationToken))
            .Select(r => new ScheduleSuccess(r.Name, r.AccountId, r.LastSuccessAt)).ToList();

    /// <summary>The sync lag of active listeners that hold tokens (the ones the hourly sync sweep enqueues).</summary>
    public async Task<ListenerSyncLag> GetListenerSyncLagAsync(CancellationToken cancellationToken)
    {
        var row = await ReadAsync(c => c.QuerySingleAsync<(long Connected, long? Oldest, double? Mean)>(Command("""
            SELECT COUNT(*), MIN(COALESCE(last_sync_at, authorized_at, created_at)),
                   CAST(AVG(COALESCE(last_sync_at, authorized_at, created_at)) AS DOUBLE PRECISION)
            FROM listeners WHERE status = 'active' AND refresh_token IS NOT NULL
            """, null, null, cancellationToken)), cancellationToken);
        return new ListenerSyncLag(row.Connected, row.Oldest, row.Mean);
    }
}
