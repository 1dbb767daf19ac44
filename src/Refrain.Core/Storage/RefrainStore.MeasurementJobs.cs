using System.Data.Common;
using System.Text.Json;
using Dapper;
using Refrain.Measurements;
using Refrain.Measurements.Jobs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>The album ids of <c>@albums</c> (a JSON array) as a table <c>k(id)</c>.</summary>
    private protected abstract string ScopeAlbumIds { get; }

    /// <summary>The ISRCs of <c>@isrcs</c> (a JSON array) as a table <c>k(isrc)</c>.</summary>
    private protected abstract string ScopeIsrcs { get; }

    /// <summary>The Spotify album id in the cached track JSON of <paramref name="column"/>.</summary>
    private protected abstract string TrackAlbumId(string column);

    /// <summary>
    /// A statement that keeps the server from JIT-compiling the enqueue (PostgreSQL spends ~0.2 s compiling a plan it runs
    /// once), or null where there is no such thing.
    /// </summary>
    private protected virtual string? WithoutJit => null;

    /// <summary>The totals of <c>@rows</c> as a table <c>x(r, t)</c>: recording and cumulative total.</summary>
    private protected abstract string SnapshotRows { get; }

    /// <summary>
    /// Starts a historical measurement run: resolves the scope to the ISRCs of the account's songs, skips those backfilled
    /// or known to have no history on <paramref name="platform"/> (by any account) and those an active job already covers,
    /// and enqueues one <c>('songstats', 'backfill_history', 'recording:&lt;isrc&gt;')</c> job per remaining ISRC, its
    /// priority the ISRC's latest known play count, in one INSERT ... SELECT in the run's transaction. A scope with no ISRC
    /// at all writes nothing and answers a null run. <paramref name="accountFilter"/> null resolves in every account (admin).
    /// </summary>
    public Task<ScopeResolution> StartHistoricalMeasurementAsync(
        long accountId, long? accountFilter, MeasurementScope scope, string platform, string requestedBy, CancellationToken cancellationToken)
    {
        var args = ScopeArgs(accountId, accountFilter, scope, platform);
        var songs = ScopeSongs(scope);
        return WriteAsync(async (c, tx) =>
        {
            var (resolved, unknown) = await c.QuerySingleAsync<(long, long)>(Command($"""
                WITH scope AS ({songs})
                SELECT (SELECT COUNT(DISTINCT isrc) FROM scope WHERE isrc IS NOT NULL), ({UnknownIds(scope)})
                """, args, tx, cancellationToken));
            if (resolved == 0)
            {
                return new ScopeResolution(null, 0, 0, unknown);
            }

            var runId = await InsertMeasurementRunAsync(c, tx, accountId, requestedBy, null, cancellationToken);
            args.Add("run", runId);
            if (WithoutJit is { } noJit)
            {
                await c.ExecuteAsync(Command(noJit, null, tx, cancellationToken));
            }

            // Priority is the play count clamped to 32 bits (what a job row reads back): beyond 2.1 billion plays the order ties.
            var enqueued = await c.ExecuteAsync(Command($"""
                WITH scope AS ({songs}), rec AS (SELECT DISTINCT isrc AS r FROM scope WHERE isrc IS NOT NULL)
                INSERT INTO jobs (account_id, source, job_type, subject, unique_key, args, provider, state, priority, max_attempts, run_at, created_at, run_id)
                SELECT @account, 'songstats', 'backfill_history', 'recording:' || rec.r, 'songstats:backfill_history:recording:' || rec.r,
                       @jobArgs, 'songstats', 'pending',
                       COALESCE((SELECT CASE WHEN MAX(m.total) > 2147483647 THEN 2147483647 ELSE MAX(m.total) END FROM measurements m
                                 WHERE m.recording = rec.r AND m.platform = @platform AND m.metric = @metric), 0),
                       10, @now, @now, @run
                FROM rec
                WHERE NOT EXISTS (SELECT 1 FROM backfills b WHERE b.recording = rec.r AND b.platform = @platform)
                ON CONFLICT (unique_key) WHERE state IN ('pending', 'running') DO NOTHING
                """, args, tx, cancellationToken));
            var result = new ScopeResolution(runId, resolved, enqueued, unknown);
            await FinishMeasurementRunAsync(c, tx, runId, enqueued,
                new { source = MeasurementJobs.Historical, platform, enqueued, skipped = result.Skipped }, cancellationToken);
            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Starts a current measurement run: one <c>('snapshot', 'album_playcounts', 'album:&lt;spotify album id&gt;')</c> job per
    /// distinct Spotify album of the scope's linked tracks (read from the track cache), in one INSERT ... SELECT. A scope with
    /// no such album writes nothing and answers a null run; <see cref="ScopeResolution.Resolved"/> is the album count.
    /// </summary>
    public Task<ScopeResolution> StartCurrentMeasurementAsync(
        long accountId, long? accountFilter, MeasurementScope scope, string platform, string triggerType, string requestedBy, CancellationToken cancellationToken)
    {
        var args = ScopeArgs(accountId, accountFilter, scope, platform);
        return WriteAsync(async (c, tx) =>
        {
            var (albums, unknown) = await c.QuerySingleAsync<(long, long)>(Command(
                $"{ScopeAlbums(scope)} SELECT (SELECT COUNT(*) FROM albums_in_scope), ({UnknownIds(scope)})", args, tx, cancellationToken));
            if (albums == 0)
            {
                return new ScopeResolution(null, 0, 0, unknown);
            }

            var runId = await InsertMeasurementRunAsync(c, tx, accountId, requestedBy, triggerType, cancellationToken);
            var enqueued = await EnqueueAlbumJobsAsync(c, tx, scope, args, runId, cancellationToken);
            var result = new ScopeResolution(runId, albums, enqueued, unknown);
            await FinishMeasurementRunAsync(c, tx, runId, enqueued,
                new { source = MeasurementJobs.Current, platform, album_count = albums, enqueued }, cancellationToken);
            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// A scheduled snapshot's fan-out: the album jobs of a catalog's linked tracks, as children of <paramref name="runId"/>
    /// (added to its total). Returns how many were enqueued.
    /// </summary>
    public Task<int> EnqueueCatalogSnapshotAsync(long runId, long accountId, long catalogId, CancellationToken cancellationToken)
    {
        var scope = MeasurementScope.Catalog(catalogId);
        var args = ScopeArgs(accountId, accountId, scope, MeasurementJobs.Spotify);
        return WriteAsync(async (c, tx) =>
        {
            var n = await EnqueueAlbumJobsAsync(c, tx, scope, args, runId, cancellationToken);
            await AddRunCountsAsync(c, tx, [new RunDelta(runId) { Total = n }], cancellationToken);
            return n;
        }, cancellationToken);
    }

    /// <summary>
    /// Stores one day's cumulative totals of many recordings from one source (an album's play counts) in one statement, then
    /// derives the daily values of that day and the next as <see cref="UpsertMeasurementsAsync"/> does. Returns the rows written.
    /// </summary>
    public Task<int> UpsertDayTotalsAsync(
        string platform, string metric, string source, DateOnly date, IReadOnlyList<(string Recording, long Total)> totals, CancellationToken cancellationToken)
    {
        if (totals.Count == 0)
        {
            return Task.FromResult(0);
        }

        // One value per recording: a service that lists a track twice keeps its last word.
        var rows = totals.GroupBy(t => t.Recording, StringComparer.Ordinal).Select(g => new { r = g.Key, t = g.Last().Total }).ToList();
        var args = new { platform, metric, source, day = Day(date), next = Day(date.AddDays(1)), rows = JsonSerializer.Serialize(rows, StoreJson.Options), now = NowMs };
        return WriteAsync(async (c, tx) =>
        {
            var written = await c.ExecuteAsync(Command($"""
                INSERT INTO measurements (recording, platform, metric, date, source, total, daily, flagged, fetched_at)
                SELECT x.r, @platform, @metric, @day, @source, x.t, NULL, 0, @now
                FROM {SnapshotRows} WHERE true
                ON CONFLICT (recording, platform, metric, date, source) DO UPDATE SET total = excluded.total, fetched_at = excluded.fetched_at
                """, args, tx, cancellationToken));
            await c.ExecuteAsync(Command($"""
                WITH d AS (
                    SELECT cur.recording, cur.date, cur.total - prev.total AS diff
                    FROM {SnapshotRows}
                    CROSS JOIN measurements cur
                    LEFT JOIN measurements prev ON prev.recording = cur.recording AND prev.platform = cur.platform AND prev.metric = cur.metric
                        AND prev.source = cur.source AND prev.date = {PreviousDay("cur.date")}
                    WHERE cur.recording = x.r AND cur.platform = @platform AND cur.metric = @metric AND cur.source = @source
                      AND cur.date IN (@day, @next))
                UPDATE measurements SET daily = CASE WHEN d.diff >= 0 THEN d.diff END, flagged = CASE WHEN d.diff < 0 THEN 1 ELSE 0 END
                FROM d
                WHERE measurements.recording = d.recording AND measurements.platform = @platform AND measurements.metric = @metric
                  AND measurements.source = @source AND measurements.date = d.date
                """, args, tx, cancellationToken));
            return written;
        }, cancellationToken);
    }

    /// <summary>The release date texts of every song (any account) carrying <paramref name="isrc"/>.</summary>
    public async Task<IReadOnlyList<string>> GetReleaseDatesOfIsrcAsync(string isrc, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<string>(Command(
            "SELECT DISTINCT release_date FROM songs WHERE isrc = @isrc AND release_date IS NOT NULL", new { isrc }, null, cancellationToken)), cancellationToken)).ToList();

    private async Task<int> EnqueueAlbumJobsAsync(DbConnection c, DbTransaction tx, MeasurementScope scope, DynamicParameters args, long runId, CancellationToken ct)
    {
        args.Add("run", runId);
        return await c.ExecuteAsync(Command($"""
            {ScopeAlbums(scope)}
            INSERT INTO jobs (account_id, source, job_type, subject, unique_key, args, provider, state, priority, max_attempts, run_at, created_at, run_id)
            SELECT @account, 'snapshot', 'album_playcounts', 'album:' || a.album, 'snapshot:album_playcounts:album:' || a.album,
                   @jobArgs, 'snapshot', 'pending', 0, 10, @now, @now, @run
            FROM albums_in_scope a WHERE true
            ON CONFLICT (unique_key) WHERE state IN ('pending', 'running') DO NOTHING
            """, args, tx, ct));
    }

    private async Task<long> InsertMeasurementRunAsync(DbConnection c, DbTransaction tx, long accountId, string requestedBy, string? triggerType, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(Command("""
            INSERT INTO runs (account_id, kind, trigger_type, requested_by, state, created_at, total)
            VALUES (@accountId, @kind, @trigger, @requestedBy, 'running', @now, 0)
            RETURNING id
            """, new { accountId, kind = MeasurementJobs.RunKind, trigger = triggerType ?? "api", requestedBy, now = NowMs }, tx, ct));

    /// <summary>Sets the run's total and summary; a run that enqueued nothing (all skipped) has nothing to wait for and ends now.</summary>
    private async Task FinishMeasurementRunAsync(DbConnection c, DbTransaction tx, long runId, int enqueued, object summary, CancellationToken ct) =>
        await c.ExecuteAsync(Command("""
            UPDATE runs SET total = total + @enqueued, summary = @summary,
                state = CASE WHEN total + @enqueued = 0 THEN 'succeeded' ELSE state END,
                ended_at = CASE WHEN total + @enqueued = 0 THEN @now ELSE ended_at END
            WHERE id = @runId
            """, new { runId, enqueued, summary = JsonSerializer.Serialize(summary, StoreJson.Options), now = NowMs }, tx, ct));

    private DynamicParameters ScopeArgs(long accountId, long? accountFilter, MeasurementScope scope, string platform)
    {
        var args = new DynamicParameters();
        args.Add("account", accountId);
        args.Add("filter", accountFilter, System.Data.DbType.Int64);
        args.Add("catalog", scope.CatalogId ?? 0);
        args.Add("albums", JsonSerializer.Serialize(scope.AlbumIds));
        args.Add("isrcs", JsonSerializer.Serialize(scope.Isrcs));
        args.Add("platform", platform);
        args.Add("metric", MeasurementJobs.Streams);
        args.Add("jobArgs", JsonSerializer.Serialize(new { platform }));
        args.Add("now", NowMs);
        return args;
    }

    /// <summary>The scope's songs as <c>(id, isrc)</c>; json_each first so SQLite's planner drives the join from the list.</summary>
    private string ScopeSongs(MeasurementScope scope) =>
        scope.CatalogId is not null
            ? "SELECT s.id, s.isrc FROM songs s WHERE s.catalog_id = @catalog"
            : scope.AlbumIds.Count > 0
                ? $"""
                  SELECT s.id, s.isrc FROM {ScopeAlbumIds} CROSS JOIN albums a JOIN catalogs c ON c.id = a.catalog_id
                  JOIN songs s ON s.catalog_id = a.catalog_id AND s.album_id = a.id
                  WHERE a.id = k.id AND (@filter IS NULL OR c.account_id = @filter)
                  """
                : $"""
                  SELECT s.id, s.isrc FROM {ScopeIsrcs} CROSS JOIN songs s
                  WHERE s.isrc = k.isrc AND (@filter IS NULL OR s.account_id = @filter)
                  """;

    /// <summary>A WITH clause naming <c>albums_in_scope(album)</c>: the distinct Spotify albums of the scope's linked tracks.</summary>
    private string ScopeAlbums(MeasurementScope scope) => $"""
        WITH scope AS ({ScopeSongs(scope)}),
        albums_in_scope AS (
            SELECT DISTINCT {TrackAlbumId("t.body")} AS album
            FROM scope s JOIN links l ON l.song_id = s.id JOIN spotify_tracks t ON t.id = l.spotify_track_id
            WHERE {TrackAlbumId("t.body")} IS NOT NULL)
        """;

    /// <summary>A scalar query: how many named album ids or ISRCs are not the account's (a catalog scope names none).</summary>
    private string UnknownIds(MeasurementScope scope) =>
        scope.AlbumIds.Count > 0
            ? $"""
              SELECT COUNT(*) FROM {ScopeAlbumIds}
              WHERE NOT EXISTS (SELECT 1 FROM albums a JOIN catalogs c ON c.id = a.catalog_id WHERE a.id = k.id AND (@filter IS NULL OR c.account_id = @filter))
              """
            : scope.Isrcs.Count > 0
                ? $"SELECT COUNT(*) FROM {ScopeIsrcs} WHERE NOT EXISTS (SELECT 1 FROM songs s WHERE s.isrc = k.isrc AND (@filter IS NULL OR s.account_id = @filter))"
                : "SELECT 0";
}
