using Dapper;
using Refrain.Jobs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    private const int BulkChunk = 5000;

    /// <summary>
    /// Puts dead, failed and cancelled jobs matching the filter back on the queue now (attempts reset), and makes waiting
    /// pending jobs due now. A job whose unique key is held by another active job is left alone. Returns how many moved.
    /// </summary>
    public Task<int> RetryAsync(JobFilter filter, CancellationToken cancellationToken) =>
        BulkAsync(filter, [JobState.Dead, JobState.Failed, JobState.Cancelled, JobState.Pending], retry: true, cancellationToken);

    /// <summary>Cancels pending and running jobs matching the filter (a running job's completion is then fenced off).</summary>
    public Task<int> CancelAsync(JobFilter filter, CancellationToken cancellationToken) =>
        BulkAsync(filter, [JobState.Pending, JobState.Running], retry: false, cancellationToken);

    private async Task<int> BulkAsync(JobFilter filter, string[] fromStates, bool retry, CancellationToken ct)
    {
        var (where, args) = Where(filter with { State = null });
        var states = filter.State is { } only ? fromStates.Where(s => s == only).ToArray() : fromStates;
        if (states.Length == 0)
        {
            return 0;
        }

        where.Append(" AND state IN (").Append(string.Join(", ", states.Select(s => $"'{s}'"))).Append(')');
        args.Add("limit", BulkChunk);
        var select = $"SELECT id, state, run_id FROM jobs WHERE {where} AND id > @after ORDER BY id LIMIT @limit";
        var moved = 0;
        long after = 0;
        while (true)
        {
            args.Add("after", after);
            var count = await WriteAsync(async (c, tx) =>
            {
                var rows = (await c.QueryAsync<(long Id, string State, long? RunId)>(Command(select, args, tx, ct))).ToList();
                if (rows.Count == 0)
                {
                    return -1;
                }

                after = rows[^1].Id;
                var now = NowMs;
                var ids = rows.Select(r => r.Id).ToArray();
                var changed = new List<long>();
                foreach (var chunk in ids.Chunk(500))
                {
                    var idList = string.Join(",", chunk);
                    var sql = retry
                        ? $"""
                          UPDATE jobs SET state = 'pending', run_at = @now, finished_at = NULL, reason = 'manual retry',
                              attempts = CASE WHEN state = 'pending' THEN attempts ELSE 0 END, parse_failures = 0
                          WHERE id IN ({idList}) AND (state = 'pending' OR unique_key IS NULL OR NOT EXISTS (
                              SELECT 1 FROM jobs a WHERE a.unique_key = jobs.unique_key AND a.state IN ('pending', 'running')))
                          RETURNING id
                          """
                        : $"""
                          UPDATE jobs SET state = 'cancelled', finished_at = @now, reason = 'cancelled',
                              lease_until = NULL, lease_token = NULL, worker_id = NULL
                          WHERE id IN ({idList}) AND state IN ('pending', 'running')
                          RETURNING id
                          """;
                    changed.AddRange(await c.QueryAsync<long>(Command(sql, new { now }, tx, ct)));
                }

                var set = changed.ToHashSet();
                var moves = rows.Where(r => set.Contains(r.Id)).ToList();
                if (retry)
                {
                    foreach (var runId in moves.Where(m => m.State != JobState.Pending && m.RunId is not null).Select(m => m.RunId!.Value).Distinct())
                    {
                        await c.ExecuteAsync(Command(CommonSql.ReopenRun, new { id = runId }, tx, ct));
                    }

                    // A retried job leaves its terminal counter; it is counted again when it ends.
                    await SettleRunsAsync(c, tx, moves.Where(m => m.State != JobState.Pending).Select(m => (m.RunId, (string?)m.State, JobState.Pending)), ct);
                }
                else
                {
                    await SettleRunsAsync(c, tx, moves.Select(m => (m.RunId, (string?)null, JobState.Cancelled)), ct);
                }

                return moves.Count;
            }, ct);
            if (count < 0)
            {
                return moved;
            }

            moved += count;
        }
    }

    /// <summary>Deletes finished jobs older than the retention ages, in batches. Returns how many were deleted.</summary>
    public async Task<int> PruneAsync(TimeSpan succeededAge, TimeSpan failedAge, CancellationToken cancellationToken)
    {
        var now = NowMs;
        var args = new
        {
            succeededBefore = now - (long)succeededAge.TotalMilliseconds,
            failedBefore = now - (long)failedAge.TotalMilliseconds,
            batch = BulkChunk,
        };
        var total = 0;
        int deleted;
        do
        {
            deleted = await WriteAsync((c, tx) => c.ExecuteAsync(Command(CommonSql.Prune, args, tx, cancellationToken)), cancellationToken);
            total += deleted;
        }
        while (deleted == BulkChunk);

        return total;
    }
}
