namespace Refrain.Storage;

/// <summary>Statements whose text is the same in SQLite and PostgreSQL.</summary>
internal static class CommonSql
{
    public const string JobColumns =
        "id, account_id, source, job_type, subject, unique_key, args, provider, state, priority, attempts, max_attempts, " +
        "parse_failures, run_at, created_at, started_at, finished_at, lease_until, lease_token, worker_id, run_id, reason, last_error, detail";

    public const string ActiveJobByKey =
        "SELECT id FROM jobs WHERE unique_key = @key AND state IN ('pending', 'running')";

    public const string Heartbeat =
        "UPDATE jobs SET lease_until = @until WHERE state = 'running' AND worker_id = @worker";

    public const string Reclaim = """
        UPDATE jobs SET
            state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END,
            finished_at = CASE WHEN attempts >= max_attempts THEN @now ELSE NULL END,
            last_error = 'lease expired: worker ' || COALESCE(worker_id, '?') || ' stopped renewing it',
            reason = 'reclaimed', run_at = @now, lease_until = NULL, lease_token = NULL, worker_id = NULL
        WHERE state = 'running' AND lease_until < @cutoff
        RETURNING id, source, job_type, state, run_id
        """;

    public const string CloseFinishedRuns = """
        UPDATE runs SET
            state = CASE
                WHEN (SELECT j.state FROM jobs j WHERE j.id = runs.root_job_id) IN ('failed', 'dead') THEN 'failed'
                WHEN (SELECT j.state FROM jobs j WHERE j.id = runs.root_job_id) = 'cancelled' THEN 'cancelled'
                WHEN failed + dead > 0 THEN 'completed_with_errors'
                WHEN cancelled > 0 THEN 'cancelled'
                ELSE 'succeeded' END,
            ended_at = @now
        WHERE id = @id AND state = 'running' AND succeeded + no_data + failed + dead + cancelled >= total
        """;

    public const string ReopenRun =
        "UPDATE runs SET state = 'running', ended_at = NULL WHERE id = @id";

    public const string Prune = """
        DELETE FROM jobs WHERE id IN (
            SELECT id FROM jobs
            WHERE (state IN ('succeeded', 'no_data') AND finished_at < @succeededBefore)
               OR (state IN ('failed', 'dead', 'cancelled') AND finished_at < @failedBefore)
            LIMIT @batch)
        """;

    public const string PauseProvider = """
        INSERT INTO providers (name, paused_until, reason, pause_count, updated_at)
        VALUES (@name, @until, @reason, 1, @now)
        ON CONFLICT (name) DO UPDATE SET
            paused_until = CASE WHEN @extendOnly = 1 AND providers.paused_until > excluded.paused_until
                                THEN providers.paused_until ELSE excluded.paused_until END,
            reason = excluded.reason,
            pause_count = providers.pause_count + 1,
            updated_at = excluded.updated_at
        """;

    public const string ResumeProvider =
        "UPDATE providers SET paused_until = NULL, reason = NULL, pause_count = 0, updated_at = @now WHERE name = @name";

    public const string ProviderStates =
        "SELECT name, paused_until, reason, pause_count FROM providers ORDER BY name";

    public const string ProviderState =
        "SELECT name, paused_until, reason, pause_count FROM providers WHERE name = @name";

    public const string ForgetOldRequests =
        "DELETE FROM provider_requests WHERE provider = @p AND at <= @cutoff";

    public const string CountRequests =
        "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM provider_requests WHERE provider = @p AND at > @cutoff";

    public const string RecordRequest =
        "INSERT INTO provider_requests (provider, at) VALUES (@p, @now)";

    public const string ScheduleColumns =
        "id, account_id, name, cron, time_zone, source, job_type, args, enabled, overlap, misfire, misfire_threshold_ms, notify, origin, " +
        "next_fire_at, last_fire_at, last_run_id, created_at, updated_at";

    public const string RunColumns =
        "id, account_id, kind, trigger_type, requested_by, schedule_name, fire_time, state, root_job_id, created_at, ended_at, " +
        "total, succeeded, no_data, failed, dead, cancelled, summary";
}
