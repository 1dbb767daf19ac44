namespace Refrain.Storage.Sqlite;

/// <summary>Every SQLite-specific statement of the store. Bulk rows arrive as a JSON array read with <c>json_each</c>.</summary>
internal static class SqliteSql
{
    private const string ClaimTemplate = """
        UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = @now,
            lease_until = @leaseUntil, lease_token = @token, worker_id = @worker
        WHERE id IN (
            SELECT id FROM jobs
            WHERE state = 'pending' AND run_at <= @now {0}
              AND (provider IS NULL OR (provider NOT IN (SELECT name FROM providers WHERE paused_until > @now)
                                        AND provider NOT IN (SELECT value FROM json_each(@offProviders))))
            ORDER BY priority DESC, run_at, id
            LIMIT @n)
        RETURNING
        """ + " " + CommonSql.JobColumns;

    public static readonly StoreSql Statements = new()
    {
        EnqueueMany = """
            INSERT INTO jobs (account_id, source, job_type, subject, unique_key, args, provider, state, priority, max_attempts, run_at, created_at, run_id)
            SELECT value ->> '$.a', value ->> '$.s', value ->> '$.t', value ->> '$.u', value ->> '$.k', COALESCE(value ->> '$.g', '{}'),
                   value ->> '$.p', 'pending', COALESCE(value ->> '$.r', 0), COALESCE(value ->> '$.m', 10), value ->> '$.at', @now, value ->> '$.run'
            FROM json_each(@rows) WHERE true
            ON CONFLICT (unique_key) WHERE state IN ('pending', 'running') DO NOTHING
            RETURNING id, run_id
            """,
        ClaimForSources = string.Format(System.Globalization.CultureInfo.InvariantCulture, ClaimTemplate, "AND source IN (SELECT value FROM json_each(@sources))"),
        ClaimExceptSources = string.Format(System.Globalization.CultureInfo.InvariantCulture, ClaimTemplate, "AND source NOT IN (SELECT value FROM json_each(@sources))"),
        Complete = """
            UPDATE jobs SET
                state = c.st, run_at = COALESCE(c.ra, jobs.run_at), reason = c.rs,
                last_error = COALESCE(c.er, jobs.last_error), detail = COALESCE(c.dt, jobs.detail),
                attempts = jobs.attempts - c.rf, parse_failures = jobs.parse_failures + c.pf,
                finished_at = CASE WHEN c.st = 'pending' THEN NULL ELSE @now END,
                lease_until = NULL, lease_token = NULL, worker_id = NULL
            FROM (SELECT value ->> '$.i' AS i, value ->> '$.k' AS k, value ->> '$.st' AS st, value ->> '$.ra' AS ra,
                         value ->> '$.rs' AS rs, value ->> '$.er' AS er, value ->> '$.dt' AS dt,
                         COALESCE(value ->> '$.rf', 0) AS rf, COALESCE(value ->> '$.pf', 0) AS pf
                  FROM json_each(@rows)) AS c
            WHERE jobs.id = c.i AND jobs.state = 'running' AND jobs.lease_token = c.k
            RETURNING jobs.id, jobs.source, jobs.job_type, jobs.state, jobs.run_id
            """,
        AddRunCounts = """
            UPDATE runs SET total = runs.total + c.total, succeeded = runs.succeeded + c.succeeded, no_data = runs.no_data + c.no_data,
                failed = runs.failed + c.failed, dead = runs.dead + c.dead, cancelled = runs.cancelled + c.cancelled
            FROM (SELECT value ->> '$.id' AS id, value ->> '$.total' AS total, value ->> '$.succeeded' AS succeeded,
                         value ->> '$.no_data' AS no_data, value ->> '$.failed' AS failed, value ->> '$.dead' AS dead,
                         value ->> '$.cancelled' AS cancelled
                  FROM json_each(@rows)) AS c
            WHERE runs.id = c.id
            """,
        QueryPredicate = "(instr(lower(COALESCE(subject, '')), lower(@q)) > 0 OR instr(lower(args), lower(@q)) > 0)",
        LockProvider = "",
        UpsertSchedule = UpsertScheduleSql,
    };

    private const string UpsertScheduleSql = """
        INSERT INTO schedules (account_id, name, cron, time_zone, source, job_type, args, enabled, overlap, misfire,
                               misfire_threshold_ms, notify, origin, next_fire_at, created_at, updated_at)
        VALUES (@accountId, @name, @cron, @timeZone, @source, @jobType, @args, @enabled, @overlap, @misfire,
                @misfireThresholdMs, @notify, @origin, @nextFireAt, @now, @now)
        ON CONFLICT (COALESCE(account_id, 0), name) DO UPDATE SET
            cron = excluded.cron, time_zone = excluded.time_zone, source = excluded.source, job_type = excluded.job_type,
            args = excluded.args, overlap = excluded.overlap, misfire = excluded.misfire,
            misfire_threshold_ms = excluded.misfire_threshold_ms, notify = excluded.notify, origin = excluded.origin,
            next_fire_at = CASE WHEN schedules.cron = excluded.cron AND schedules.time_zone = excluded.time_zone
                                     AND schedules.next_fire_at IS NOT NULL
                                THEN schedules.next_fire_at ELSE excluded.next_fire_at END,
            updated_at = excluded.updated_at
        RETURNING id
        """;
}
