namespace Refrain.Storage.Postgres;

/// <summary>Every PostgreSQL-specific statement of the store. Bulk rows arrive as one JSON array read with <c>jsonb_to_recordset</c>.</summary>
internal static class PostgresSql
{
    private const string ClaimTemplate = """
        UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, started_at = @now,
            lease_until = @leaseUntil, lease_token = @token, worker_id = @worker
        WHERE j.id = ANY (ARRAY(
            SELECT id FROM jobs
            WHERE state = 'pending' AND run_at <= @now {0}
              AND (provider IS NULL OR (provider NOT IN (SELECT name FROM providers WHERE paused_until > @now)
                                        AND provider <> ALL(@offProviders)))
            ORDER BY priority DESC, run_at, id
            LIMIT @n
            FOR UPDATE SKIP LOCKED))
        RETURNING j.id, j.account_id, j.source, j.job_type, j.subject, j.unique_key, j.args, j.provider, j.state, j.priority,
                  j.attempts, j.max_attempts, j.parse_failures, j.run_at, j.created_at, j.started_at, j.finished_at,
                  j.lease_until, j.lease_token, j.worker_id, j.run_id, j.reason, j.last_error, j.detail
        """;

    public static readonly StoreSql Statements = new()
    {
        EnqueueMany = """
            INSERT INTO jobs (account_id, source, job_type, subject, unique_key, args, provider, state, priority, max_attempts, run_at, created_at, run_id)
            SELECT r.a, r.s, r.t, r.u, r.k, COALESCE(r.g, '{}'), r.p, 'pending', COALESCE(r.r, 0), COALESCE(r.m, 10), r.at, @now, r.run
            FROM jsonb_to_recordset(@rows::jsonb) AS r(a bigint, s text, t text, u text, k text, g text, p text, r bigint, m bigint, at bigint, run bigint)
            ON CONFLICT (unique_key) WHERE state IN ('pending', 'running') DO NOTHING
            RETURNING id, run_id
            """,
        ClaimForSources = string.Format(System.Globalization.CultureInfo.InvariantCulture, ClaimTemplate, "AND source = ANY(@sources)"),
        ClaimExceptSources = string.Format(System.Globalization.CultureInfo.InvariantCulture, ClaimTemplate, "AND source <> ALL(@sources)"),
        Complete = """
            UPDATE jobs SET
                state = c.st, run_at = COALESCE(c.ra, jobs.run_at), reason = c.rs,
                last_error = COALESCE(c.er, jobs.last_error), detail = COALESCE(c.dt, jobs.detail),
                attempts = jobs.attempts - COALESCE(c.rf, 0), parse_failures = jobs.parse_failures + COALESCE(c.pf, 0),
                finished_at = CASE WHEN c.st = 'pending' THEN NULL ELSE @now END,
                lease_until = NULL, lease_token = NULL, worker_id = NULL
            FROM jsonb_to_recordset(@rows::jsonb) AS c(i bigint, k bigint, st text, ra bigint, rs text, er text, dt text, rf bigint, pf bigint)
            WHERE jobs.id = c.i AND jobs.state = 'running' AND jobs.lease_token = c.k
            RETURNING jobs.id, jobs.source, jobs.job_type, jobs.state, jobs.run_id
            """,
        AddRunCounts = """
            UPDATE runs SET total = runs.total + c.total, succeeded = runs.succeeded + c.succeeded, no_data = runs.no_data + c.no_data,
                failed = runs.failed + c.failed, dead = runs.dead + c.dead, cancelled = runs.cancelled + c.cancelled
            FROM jsonb_to_recordset(@rows::jsonb) AS c(id bigint, total bigint, succeeded bigint, no_data bigint, failed bigint, dead bigint, cancelled bigint)
            WHERE runs.id = c.id
            """,
        QueryPredicate = "(COALESCE(subject, '') ILIKE '%' || @q || '%' OR args ILIKE '%' || @q || '%')",
        LockProvider = "SELECT pg_advisory_xact_lock(hashtext('refrain.provider.' || @p))",
        UpsertSchedule = """
            INSERT INTO schedules (account_id, name, cron, time_zone, source, job_type, args, enabled, overlap, misfire,
                                   misfire_threshold_ms, notify, origin, next_fire_at, created_at, updated_at)
            VALUES (@accountId, @name, @cron, @timeZone, @source, @jobType, @args, @enabled, @overlap, @misfire,
                    @misfireThresholdMs, @notify, @origin, @nextFireAt, @now, @now)
            ON CONFLICT ((COALESCE(account_id, 0)), name) DO UPDATE SET
                cron = excluded.cron, time_zone = excluded.time_zone, source = excluded.source, job_type = excluded.job_type,
                args = excluded.args, overlap = excluded.overlap, misfire = excluded.misfire,
                misfire_threshold_ms = excluded.misfire_threshold_ms, notify = excluded.notify, origin = excluded.origin,
                next_fire_at = CASE WHEN schedules.cron = excluded.cron AND schedules.time_zone = excluded.time_zone
                                         AND schedules.next_fire_at IS NOT NULL
                                    THEN schedules.next_fire_at ELSE excluded.next_fire_at END,
                updated_at = excluded.updated_at
            RETURNING id
            """,
    };
}
