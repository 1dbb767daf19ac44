using System.Data.Common;
using System.Text.Json;
using Dapper;
using Refrain.Jobs;
using Refrain.Runs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>Starts a run and enqueues its root job in one transaction.</summary>
    public Task<FireResult> StartRunAsync(RunStart run, NewJob job, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => StartRunAsync(c, tx, run, job, cancellationToken), cancellationToken);

    internal async Task<FireResult> StartRunAsync(DbConnection c, DbTransaction tx, RunStart run, NewJob job, CancellationToken ct)
    {
        var now = NowMs;
        var runId = await c.ExecuteScalarAsync<long>(Command("""
            INSERT INTO runs (account_id, kind, trigger_type, requested_by, schedule_name, fire_time, state, created_at, total)
            VALUES (@AccountId, @Kind, @TriggerType, @RequestedBy, @ScheduleName, @fire, 'running', @now, 0)
            RETURNING id
            """, new { run.AccountId, run.Kind, run.TriggerType, run.RequestedBy, run.ScheduleName, fire = ToMs(run.FireTime), now }, tx, ct));
        var enqueued = await EnqueueAsync(c, tx, job with { RunId = runId }, ct);
        await c.ExecuteAsync(Command("UPDATE runs SET root_job_id = @job WHERE id = @runId", new { job = enqueued.JobId, runId }, tx, ct));
        if (!enqueued.Inserted)
        {
            // The job was already active under another run: this run has nothing of its own to wait for.
            await c.ExecuteAsync(Command("UPDATE runs SET state = 'cancelled', ended_at = @now, summary = @summary WHERE id = @runId",
                new { now, runId, summary = $"{{\"skipped\":\"job {enqueued.JobId} already queued\"}}" }, tx, ct));
        }

        return new FireResult(runId, enqueued.JobId);
    }

    public Task<RunRecord?> GetRunAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync(c => c.QuerySingleOrDefaultAsync<RunRecord>(Command($"SELECT {CommonSql.RunColumns} FROM runs WHERE id = @id", new { id }, null, cancellationToken)), cancellationToken);

    /// <summary>Runs newest first; <paramref name="afterId"/> continues a keyset page (ids below it).</summary>
    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? kind, string? state, long? accountId, bool allAccounts, int limit, CancellationToken cancellationToken, long? afterId = null)
    {
        var sql = $"SELECT {CommonSql.RunColumns} FROM runs WHERE (@kind IS NULL OR kind = @kind) AND (@state IS NULL OR state = @state)"
            + (allAccounts ? "" : " AND account_id = @accountId") + (afterId is null ? "" : " AND id < @afterId") + " ORDER BY id DESC LIMIT @limit";
        return (await ReadAsync(c => c.QueryAsync<RunRecord>(Command(sql, new { kind, state, accountId, limit, afterId }, null, cancellationToken)), cancellationToken)).ToList();
    }

    public async Task<IReadOnlyList<RunRecord>> RunsOfScheduleAsync(long? accountId, string name, int limit, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<RunRecord>(Command(
            $"SELECT {CommonSql.RunColumns} FROM runs WHERE schedule_name = @name AND COALESCE(account_id, 0) = COALESCE(@accountId, 0) ORDER BY id DESC LIMIT @limit",
            new { accountId, name, limit }, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>Stores a run's domain summary (JSON).</summary>
    public Task SetRunSummaryAsync(long runId, string summaryJson, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command("UPDATE runs SET summary = @summaryJson WHERE id = @runId", new { runId, summaryJson }, tx, cancellationToken)), cancellationToken);

    /// <summary>
    /// Runs of these kinds that ended in [<paramref name="from"/>, <paramref name="to"/>] without a summary, oldest first
    /// (the <c>runs_ended</c> index reads only that window).
    /// </summary>
    public async Task<IReadOnlyList<long>> RunsWithoutSummaryAsync(IReadOnlyCollection<string> kinds, DateTimeOffset from, DateTimeOffset to, int limit,
        CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<long>(Command($"""
            SELECT id FROM runs
            WHERE ended_at >= @from AND ended_at <= @to AND summary IS NULL AND kind IN ({TextList})
            ORDER BY ended_at, id LIMIT @limit
            """, new { keys = JsonSerializer.Serialize(kinds), from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(), limit }, null, cancellationToken)), cancellationToken)).ToList();

    public async Task<IReadOnlyList<(string Kind, string State, long Count)>> CountRunsAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<(string, string, long)>(Command(
            "SELECT kind, state, COUNT(*) FROM runs GROUP BY kind, state ORDER BY kind, state", null, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>Enqueues child jobs of a run (a sweep's fan-out) in multi-row statements.</summary>
    public Task<int> EnqueueChildrenAsync(long runId, IReadOnlyList<NewJob> jobs, CancellationToken cancellationToken) =>
        EnqueueManyAsync(jobs.Select(j => j with { RunId = runId }).ToList(), cancellationToken);

    /// <summary>A run's jobs of one type counted by detail and state.</summary>
    public async Task<IReadOnlyList<(string? Detail, string State, long Count)>> CountChildDetailsAsync(long runId, string jobType, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<(string?, string, long)>(Command(
            "SELECT detail, state, COUNT(*) FROM jobs WHERE run_id = @runId AND job_type = @jobType GROUP BY detail, state",
            new { runId, jobType }, null, cancellationToken)), cancellationToken)).ToList();
}
