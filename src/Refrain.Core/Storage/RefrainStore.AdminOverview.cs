using Dapper;
using Refrain.Runs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// Jobs per source and state in one pass over the jobs table, with the pending jobs due at <paramref name="now"/> and the
    /// oldest due one's <c>run_at</c> (Unix ms). A full scan: the dashboard serves it from a short-lived cache.
    /// </summary>
    public async Task<IReadOnlyList<(string Source, string State, long Count, long Due, long? OldestDueRunAt)>> CountJobsForOverviewAsync(
        DateTimeOffset now, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<(string, string, long, long, long?)>(Command("""
            SELECT source, state, COUNT(*),
                   COALESCE(SUM(CASE WHEN state = 'pending' AND run_at <= @now THEN 1 ELSE 0 END), 0),
                   MIN(CASE WHEN state = 'pending' AND run_at <= @now THEN run_at END)
            FROM jobs GROUP BY source, state ORDER BY source, state
            """, new { now = now.ToUnixTimeMilliseconds() }, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>Each schedule's last run (the one its <c>last_run_id</c> names), by primary key.</summary>
    public async Task<IReadOnlyList<RunRecord>> LastRunsOfSchedulesAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<RunRecord>(Command(
            $"SELECT {CommonSql.RunColumns} FROM runs WHERE id IN (SELECT last_run_id FROM schedules WHERE last_run_id IS NOT NULL)",
            null, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>When each schedule's latest <c>succeeded</c> run ended (Unix ms), for schedules that ever succeeded; account null for system ones.</summary>
    public async Task<IReadOnlyList<(long? AccountId, string Name, long EndedAt)>> LastSuccessesOfSchedulesAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<(long?, string, long)>(Command("""
            SELECT account_id, schedule_name, MAX(ended_at) FROM runs
            WHERE schedule_name IS NOT NULL AND state = 'succeeded' AND ended_at IS NOT NULL
            GROUP BY account_id, schedule_name
            """, null, null, cancellationToken)), cancellationToken)).ToList();
}
