using Dapper;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Scheduling;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    private const string ScheduleKey = "COALESCE(account_id, 0) = COALESCE(@accountId, 0) AND name = @name";

    /// <summary>Creates or changes a schedule by (account, name); keeps its next fire time when cron and zone are unchanged.</summary>
    public Task<long> UpsertScheduleAsync(ScheduleRecord s, DateTimeOffset? nextFire, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteScalarAsync<long>(Command(Sql.UpsertSchedule, new
        {
            accountId = s.AccountId, name = s.Name, cron = s.Cron, timeZone = s.TimeZone, source = s.Source, jobType = s.JobType,
            args = s.Args, enabled = s.Enabled ? 1 : 0, overlap = s.Overlap, misfire = s.Misfire, misfireThresholdMs = s.MisfireThresholdMs,
            notify = s.Notify, origin = s.Origin, nextFireAt = ToMs(nextFire), now = NowMs,
        }, tx, cancellationToken)), cancellationToken);

    public Task<ScheduleRecord?> GetScheduleAsync(long? accountId, string name, CancellationToken cancellationToken) =>
        ReadAsync(c => c.QuerySingleOrDefaultAsync<ScheduleRecord>(Command(
            $"SELECT {CommonSql.ScheduleColumns} FROM schedules WHERE {ScheduleKey}", new { accountId, name }, null, cancellationToken)), cancellationToken);

    /// <summary>All schedules, or one account's (<paramref name="allAccounts"/> false).</summary>
    public async Task<IReadOnlyList<ScheduleRecord>> ListSchedulesAsync(bool allAccounts, long? accountId, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {CommonSql.ScheduleColumns} FROM schedules" + (allAccounts ? "" : " WHERE account_id = @accountId") + " ORDER BY name, id";
        return (await ReadAsync(c => c.QueryAsync<ScheduleRecord>(Command(sql, new { accountId }, null, cancellationToken)), cancellationToken)).ToList();
    }

    /// <summary>Enables or pauses a schedule; a resumed schedule gets <paramref name="nextFire"/>. False when unknown.</summary>
    public async Task<bool> SetScheduleEnabledAsync(long? accountId, string name, bool enabled, DateTimeOffset? nextFire, CancellationToken cancellationToken) =>
        await WriteAsync((c, tx) => c.ExecuteAsync(Command(
            $"UPDATE schedules SET enabled = @enabled, next_fire_at = CASE WHEN @enabled = 1 THEN @next ELSE next_fire_at END, updated_at = @now WHERE {ScheduleKey}",
            new { accountId, name, enabled = enabled ? 1 : 0, next = ToMs(nextFire), now = NowMs }, tx, cancellationToken)), cancellationToken) == 1;

    public async Task<bool> DeleteScheduleAsync(long? accountId, string name, CancellationToken cancellationToken) =>
        await WriteAsync((c, tx) => c.ExecuteAsync(Command($"DELETE FROM schedules WHERE {ScheduleKey}", new { accountId, name }, tx, cancellationToken)), cancellationToken) == 1;

    public async Task<IReadOnlyList<ScheduleRecord>> DueSchedulesAsync(int limit, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<ScheduleRecord>(Command(
            $"SELECT {CommonSql.ScheduleColumns} FROM schedules WHERE enabled = 1 AND next_fire_at <= @now ORDER BY next_fire_at LIMIT @limit",
            new { now = NowMs, limit }, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>The earliest next fire time of any enabled schedule, to sleep until it.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        FromMs(await ReadAsync(c => c.ExecuteScalarAsync<long?>(Command(
            "SELECT MIN(next_fire_at) FROM schedules WHERE enabled = 1", null, null, cancellationToken)), cancellationToken));

    /// <summary>
    /// Claims a fire time by compare-and-set on <c>next_fire_at</c> and, when <paramref name="job"/> is given, starts its run
    /// in the same transaction. Returns null when another node claimed it first.
    /// </summary>
    public Task<FireResult?> FireScheduleAsync(ScheduleRecord schedule, DateTimeOffset? newNext, DateTimeOffset? firedAt, RunStart? run, NewJob? job, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var claimed = await c.ExecuteAsync(Command(
                "UPDATE schedules SET next_fire_at = @next, last_fire_at = COALESCE(@fired, last_fire_at), updated_at = @now WHERE id = @id AND next_fire_at = @expected",
                new { id = schedule.Id, expected = schedule.NextFireAt, next = ToMs(newNext), fired = ToMs(firedAt), now = NowMs }, tx, cancellationToken));
            if (claimed != 1)
            {
                return null;
            }

            if (run is null || job is null)
            {
                return new FireResult(null, null);
            }

            var started = await StartRunAsync(c, tx, run, job, cancellationToken);
            await c.ExecuteAsync(Command("UPDATE schedules SET last_run_id = @run WHERE id = @id", new { run = started.RunId, id = schedule.Id }, tx, cancellationToken));
            return started;
        }, cancellationToken);

    /// <summary>
    /// Starts a run of a schedule outside its cron (a manual or external trigger) and records it as the schedule's last run in
    /// the same transaction, so the overlap policy of the next fire time sees it while it is active.
    /// </summary>
    public Task<FireResult> StartScheduleRunAsync(long scheduleId, RunStart run, NewJob job, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var started = await StartRunAsync(c, tx, run, job, cancellationToken);
            await c.ExecuteAsync(Command("UPDATE schedules SET last_run_id = @run WHERE id = @id", new { run = started.RunId, id = scheduleId }, tx, cancellationToken));
            return started;
        }, cancellationToken);

    /// <summary>True when the run exists and is still running.</summary>
    public async Task<bool> IsRunActiveAsync(long runId, CancellationToken cancellationToken) =>
        await ReadAsync(c => c.ExecuteScalarAsync<string?>(Command("SELECT state FROM runs WHERE id = @runId", new { runId }, null, cancellationToken)), cancellationToken) == RunState.Running;
}
