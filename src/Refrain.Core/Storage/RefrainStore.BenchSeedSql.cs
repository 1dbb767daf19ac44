namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// The dashboard bench's seed, one statement per table over a number series, written once for both dialects: only the
    /// series differs (PostgreSQL generate_series, SQLite a recursive CTE). Values are spread with <c>n % k</c> and a
    /// multiplicative hash instead of random() so two runs seed the same data.
    /// </summary>
    private static class BenchSeedSql
    {
        /// <summary>0–9 → source: a job type mix like a busy node's (three in ten are re-matches).</summary>
        private static string Source(string i) =>
            $"CASE WHEN {i} = 4 THEN 'musicbrainz' WHEN {i} = 5 THEN 'songstats' WHEN {i} = 6 THEN 'snapshot' ELSE 'spotify' END";

        private static string JobType(string i) => $"""
            CASE WHEN {i} < 3 THEN 'rematch_duration_mismatches' WHEN {i} = 3 THEN 'refresh_link' WHEN {i} = 4 THEN 'refresh_recording'
                 WHEN {i} = 5 THEN 'backfill_history' WHEN {i} = 6 THEN 'album_playcounts' WHEN {i} = 7 THEN 'enrich_tracks'
                 WHEN {i} = 8 THEN 'sync_recently_played' ELSE 'enrich_listener' END
            """;

        private static string Account(string n) => $"CASE {n} % 3 WHEN 0 THEN @a1 WHEN 1 THEN @a2 ELSE @a3 END";

        /// <summary>One stored matcher candidate as a SQL text expression (the shape the review page reads).</summary>
        private static string Candidate(string track, string score, string isrcScore) => $$$"""
            '{"spotify_track_id":"bench' || {{{track}}} || '","name":"Song ' || s.n || '","artists":["Artist ' || (s.n % 1000) || '"],"album":"Album ' || (s.n % 500) || '","isrc":"QZDSH' || (1000000 + s.n) || '","duration_ms":' || (270000 + (s.n * 37) % 120000) || ',"score":{{{score}}},"breakdown":{"isrc":{{{isrcScore}}},"title":0.25,"artists":0.2,"duration":0,"album":0.05,"version_penalty":0,"total":{{{score}}}}}'
            """;

        private const string EmptyArgs = "'{}'";

        private const string Breakdown = """'{"isrc":0.4,"title":0.25,"artists":0.2,"duration":0,"album":0.05,"version_penalty":0,"total":0.9}'""";

        private const string Isrc = "'QZDSH' || (1000000 + s.n)";

        /// <summary>
        /// Jobs: 7 days of history, one every 600 ms; four in five belong to a run of <c>@block</c> consecutive jobs of one
        /// type. Older jobs are finished (90% succeeded, then no_data, dead, failed, cancelled); the newest 3% are half pending
        /// (half of those scheduled ahead), a tenth running.
        /// </summary>
        public static IEnumerable<string> Statements(Func<string, string> series)
        {
            yield return $"""
                INSERT INTO runs (id, account_id, kind, trigger_type, requested_by, schedule_name, fire_time, state, created_at, total)
                SELECT @runsBase + n, CASE WHEN i = 6 THEN NULL ELSE {Account("n")} END,
                       CASE WHEN i = 5 THEN 'measurement' ELSE {Source("i")} || '/' || {JobType("i")} END,
                       CASE WHEN n % 4 = 0 THEN 'api' ELSE 'schedule' END, CASE WHEN n % 4 = 0 THEN 'key:1' END,
                       CASE WHEN n % 4 = 0 THEN NULL ELSE 'bench-' || (@schedulesBase + 1 + i) END, CASE WHEN n % 4 = 0 THEN NULL ELSE t END, 'running', t, 0
                FROM (SELECT s.n AS n, (s.n - 1) % 10 AS i, @now - (@jobs - (s.n - 1) * @block) * 600 AS t FROM {series("@runs")}) AS r
                """;
            yield return $"""
                INSERT INTO jobs (id, account_id, source, job_type, subject, unique_key, args, provider, state, priority, attempts, max_attempts,
                                  run_at, created_at, started_at, finished_at, lease_until, lease_token, worker_id, run_id, reason, last_error)
                SELECT @jobsBase + n, CASE WHEN i = 6 THEN NULL ELSE {Account("n")} END, {Source("i")}, {JobType("i")},
                       'song:' || (n % @songs + 1), 'bench:' || (@jobsBase + n), {EmptyArgs},
                       CASE WHEN i = 4 THEN 'musicbrainz' WHEN i = 5 THEN 'songstats' ELSE 'spotify' END, state,
                       CASE WHEN i < 3 THEN 10 ELSE 0 END, CASE WHEN state = 'pending' THEN 0 WHEN state = 'dead' THEN 10 ELSE 1 END, 10,
                       CASE WHEN state = 'pending' AND n % 2 = 0 THEN @now + (n % 3600) * 1000 ELSE t END, t,
                       CASE WHEN state = 'pending' THEN NULL ELSE t + 1000 END,
                       CASE WHEN state IN ('pending', 'running') THEN NULL ELSE t + 1000 + h * 10 END,
                       CASE WHEN state = 'running' THEN @now + 300000 END, CASE WHEN state = 'running' THEN n END,
                       CASE WHEN state = 'running' THEN 'bench-node-' || (n % 8) END,
                       CASE WHEN n % 5 = 0 THEN NULL ELSE @runsBase + 1 + (n - 1) / @block END,
                       CASE WHEN state IN ('dead', 'failed') THEN 'http_500' WHEN state = 'cancelled' THEN 'cancelled by an admin' END,
                       CASE WHEN state IN ('dead', 'failed') THEN 'the provider answered 500 Internal Server Error' END
                FROM (SELECT n, i, h, t,
                             CASE WHEN n > @recent THEN CASE WHEN h < 500 THEN 'pending' WHEN h < 600 THEN 'running' ELSE 'succeeded' END
                                  WHEN h < 900 THEN 'succeeded' WHEN h < 940 THEN 'no_data' WHEN h < 970 THEN 'dead'
                                  WHEN h < 985 THEN 'failed' ELSE 'cancelled' END AS state
                      FROM (SELECT s.n AS n, CASE WHEN s.n % 5 = 0 THEN (s.n / 5) % 10 ELSE ((s.n - 1) / @block) % 10 END AS i,
                                   (s.n * 7919) % 1000 AS h, @now - (@jobs - s.n) * 600 AS t
                            FROM {series("@jobs")}) AS a) AS j
                """;
            yield return """
                UPDATE runs SET total = x.total, succeeded = x.succeeded, no_data = x.no_data, failed = x.failed, dead = x.dead,
                       cancelled = x.cancelled, ended_at = CASE WHEN x.open > 0 THEN NULL ELSE x.ended END,
                       state = CASE WHEN x.open > 0 THEN 'running' WHEN x.dead + x.failed > 0 THEN 'completed_with_errors' ELSE 'succeeded' END
                FROM (SELECT run_id, COUNT(*) AS total,
                             SUM(CASE WHEN state = 'succeeded' THEN 1 ELSE 0 END) AS succeeded, SUM(CASE WHEN state = 'no_data' THEN 1 ELSE 0 END) AS no_data,
                             SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed, SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END) AS dead,
                             SUM(CASE WHEN state = 'cancelled' THEN 1 ELSE 0 END) AS cancelled,
                             SUM(CASE WHEN state IN ('pending', 'running') THEN 1 ELSE 0 END) AS open, MAX(finished_at) AS ended
                      FROM jobs WHERE run_id > @runsBase GROUP BY run_id) AS x
                WHERE runs.id = x.run_id
                """;
            yield return $"""
                INSERT INTO schedules (id, account_id, name, cron, source, job_type, notify, origin, next_fire_at, last_fire_at, last_run_id, created_at, updated_at)
                SELECT @schedulesBase + n, CASE WHEN n <= 10 THEN NULL ELSE {Account("n")} END,
                       'bench-' || (@schedulesBase + n),
                       CASE n % 3 WHEN 0 THEN '0 * * * *' WHEN 1 THEN '15 4 * * *' ELSE '0 4 1 * *' END, {Source("i")}, {JobType("i")},
                       'failure', 'runtime', @now + n * 60000, @now - n * 60000, CASE WHEN n <= 10 THEN @runsBase + @runs - 10 + n END, @now, @now
                FROM (SELECT s.n AS n, (s.n - 1) % 10 AS i FROM {series("20")}) AS g
                """;
            yield return $"""
                INSERT INTO catalogs (id, account_id, name, created_at)
                SELECT @catalogsBase + s.n, {Account("s.n - 1")}, 'bench-' || (@catalogsBase + s.n), @now FROM {series("3")}
                """;
            yield return $"""
                INSERT INTO songs (id, catalog_id, account_id, song_key, title, artists, isrc, duration_ms, duration_source, release_date, created_at, updated_at)
                SELECT @songsBase + s.n, @catalogsBase + 1 + s.n % 3, {Account("s.n")}, 'bench:' || s.n, 'Song ' || s.n,
                       '["Artist ' || (s.n % 1000) || '"]', {Isrc}, 180000 + (s.n * 37) % 120000, 'import', '2020-01-01', @now, @now
                FROM {series("@songs")}
                """;

            // Every @reviewEvery-th song waits for review as a duration mismatch, with two candidates; the one half-way
            // between was already decided by a reviewer (the resolved list).
            var candidates = $"'[' || {Candidate("s.n", "0.9", "0.4")} || ',' || {Candidate("(s.n + 1)", "0.5", "0")} || ']'";
            yield return $"""
                INSERT INTO links (song_id, spotify_track_id, track_duration_ms, state, review_reason, score, breakdown, candidates, matcher_version,
                                   decided_by, checked_at, created_at, updated_at)
                SELECT @songsBase + s.n, 'bench' || s.n,
                       180000 + (s.n * 37) % 120000 + CASE WHEN s.n % @reviewEvery = 0 THEN 90000 ELSE (s.n % 7) * 1000 END,
                       CASE WHEN s.n % @reviewEvery = 0 THEN 'review' ELSE 'linked' END,
                       CASE WHEN s.n % @reviewEvery <> 0 THEN NULL WHEN s.n % 3 = 0 THEN 'canonical_suspect' WHEN s.n % 3 = 1 THEN 'ambiguous' ELSE 'kept' END,
                       0.9, CASE WHEN s.n % @reviewEvery = 0 THEN {Breakdown} END,
                       CASE WHEN s.n % @reviewEvery = 0 THEN {candidates} END, 'bench',
                       CASE WHEN s.n % @reviewEvery = @reviewEvery / 2 THEN 'reviewer' WHEN s.n % @reviewEvery = 0 THEN 'matcher' ELSE 'import' END,
                       @now, @now, @now
                FROM {series("@songs")}
                """;
            yield return $"""
                INSERT INTO link_history (song_id, old_track_id, new_track_id, old_state, new_state, decided_by, reason, at)
                SELECT @songsBase + s.n, 'bench' || s.n, 'bench' || s.n, 'linked', 'review', 'matcher',
                       CASE WHEN s.n % 3 = 0 THEN 'canonical_suspect' WHEN s.n % 3 = 1 THEN 'ambiguous' ELSE 'kept' END, @now - 86400000
                FROM {series("@songs")} WHERE s.n % @reviewEvery IN (0, @reviewEvery / 2)
                """;
            yield return $"""
                INSERT INTO link_history (song_id, old_track_id, new_track_id, old_state, new_state, decided_by, reason, at)
                SELECT @songsBase + s.n, 'bench' || s.n, 'bench' || s.n, 'review', 'linked', 'reviewer', 'reviewer kept', @now - 3600000
                FROM {series("@songs")} WHERE s.n % @reviewEvery = @reviewEvery / 2
                """;
            yield return $"""
                INSERT INTO listeners (id, account_id, display_name, spotify_user_id, status, last_sync_at, sync_cursor, authorized_at, created_at)
                SELECT @listenersBase + s.n, {Account("s.n")}, 'Listener ' || s.n, 'bench-user-' || s.n,
                       CASE WHEN s.n % 15 = 0 THEN 'reauth_required' WHEN s.n % 20 = 0 THEN 'disconnected' ELSE 'active' END,
                       @now - s.n * 60000, @now - s.n * 60000, @now - 86400000, @now - 86400000
                FROM {series("@listeners")}
                """;
            yield return $"""
                INSERT INTO plays (listener_id, ingest_key, artist, title, album, norm_artist, norm_title, name_key, played_at, ms_played, source,
                                   precision_ms, spotify_track_id, isrc, duration_ms, enrich_state, created_at)
                SELECT @listenersBase + 1 + s.n % @listeners, 'bench:' || s.n, 'Artist ' || (s.n % 1000), 'Song ' || (s.n % 8000),
                       'Album ' || (s.n % 500), 'artist ' || (s.n % 1000), 'song ' || (s.n % 8000), s.n % 8000,
                       @now - (@plays - s.n) * 150000, 30000 + s.n % 170000, 'extended', 1000, 'bench' || (s.n % 8000 + 1),
                       CASE WHEN s.n % 10 = 0 THEN NULL ELSE 'QZDSH' || (1000000 + s.n % 8000 + 1) END, 200000,
                       CASE WHEN s.n % 10 = 0 THEN 'pending' WHEN s.n % 10 = 1 THEN 'unresolved' ELSE 'enriched' END, @now
                FROM {series("@plays")}
                """;
            yield return $"""
                INSERT INTO listen_uploads (listener_id, file_name, bytes, status, imported, duplicate, short, created_at, finished_at)
                SELECT @listenersBase + 1 + (s.n - 1) / 2, 'Streaming_History_Audio_' || s.n || '.json', 1000000 + s.n,
                       CASE WHEN s.n % 9 = 0 THEN 'failed' ELSE 'succeeded' END, 1000, s.n % 50, s.n % 20, @now - s.n * 3600000, @now - s.n * 3600000 + 5000
                FROM {series("@listeners * 2")}
                """;
            yield return $"""
                INSERT INTO measurements (recording, platform, metric, date, source, total, daily, flagged, fetched_at)
                SELECT {Isrc}, 'spotify', 'streams', @today, 'snapshot', (s.n * 7919) % 100000000, NULL, 0, @now FROM {series("@songs")} WHERE 1 = 1
                ON CONFLICT DO NOTHING
                """;
            yield return $"""
                INSERT INTO measurements (recording, platform, metric, date, source, total, daily, flagged, fetched_at)
                SELECT 'QZDSH' || (1000000 + song), 'spotify', 'streams', '2025-12-' || CASE WHEN d < 10 THEN '0' || d ELSE '' || d END,
                       'songstats', song * 1000 + d * 50, CASE WHEN d = 1 THEN NULL ELSE 50 END, 0, @now
                FROM (SELECT (s.n - 1) / 30 * 100 + 100 AS song, (s.n - 1) % 30 + 1 AS d FROM {series("@songs / 100 * 30")}) AS m WHERE 1 = 1
                ON CONFLICT DO NOTHING
                """;
            yield return $"""
                INSERT INTO backfills (recording, platform, state, through_date, updated_at)
                SELECT {Isrc}, 'spotify', CASE WHEN s.n % 30 = 0 THEN 'no_history' ELSE 'backfilled' END, '2025-12-30', @now
                FROM {series("@songs")} WHERE s.n % 3 = 0
                ON CONFLICT DO NOTHING
                """;
            yield return $"""
                INSERT INTO quota_usage (provider, account_id, period, used, cost_micro_usd)
                SELECT 'songstats', CASE WHEN s.n = 4 THEN 0 ELSE {Account("s.n")} END, @period, 2000 * s.n, 10000000 * s.n FROM {series("4")} WHERE 1 = 1
                ON CONFLICT DO NOTHING
                """;
            yield return $"""
                INSERT INTO quota_ledger (account_id, provider, units, cost_micro_usd, job_id, outcome, at)
                SELECT {Account("s.n")}, 'songstats', 1, 5000, @jobsBase + s.n, CASE WHEN s.n % 50 = 0 THEN 'refunded' ELSE 'ok' END, @now - s.n * 60000
                FROM {series("20000")}
                """;
        }

        public const string Counts = """
            SELECT (SELECT COUNT(*) FROM jobs) AS jobs, (SELECT COUNT(*) FROM runs) AS runs, (SELECT COUNT(*) FROM schedules) AS schedules,
                   (SELECT COUNT(*) FROM songs) AS songs, (SELECT COUNT(*) FROM links) AS links,
                   (SELECT COUNT(*) FROM links WHERE state = 'review') AS reviews, (SELECT COUNT(*) FROM listeners) AS listeners,
                   (SELECT COUNT(*) FROM plays) AS plays, (SELECT COUNT(*) FROM listen_uploads) AS uploads,
                   (SELECT COUNT(*) FROM measurements) AS measurements, (SELECT COUNT(*) FROM quota_ledger) AS quota_ledger
            """;
    }
}
