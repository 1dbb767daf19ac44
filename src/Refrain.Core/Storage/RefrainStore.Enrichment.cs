using System.Text.Json;
using Dapper;
using Refrain.Listening.Enrichment;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>A play's distinct-track key: its Spotify track id when it has one, else the hash of its normalised names.</summary>
    private const string PlayKey =
        "(CASE WHEN plays.spotify_track_id IS NOT NULL THEN 'id:' || plays.spotify_track_id ELSE 'name:' || CAST(plays.name_key AS TEXT) END)";

    /// <summary>Plays enrichment works on: never tried, or unresolved and due for a re-check.</summary>
    private const string DuePlay = "(plays.enrich_state = 'pending' OR (plays.enrich_state = 'unresolved' AND plays.recheck_at <= @now))";

    /// <summary>
    /// Fills a play from its key's resolution in <c>r</c>: a resolved key gives the track's facts (its album over the
    /// export's), an unresolved one its reason and re-check.
    /// </summary>
    private const string FillFromResolution = """
        UPDATE plays SET (spotify_track_id, isrc, duration_ms, album, enrich_state, enrich_reason, recheck_at) = (
            SELECT CASE WHEN r.state = 'resolved' THEN r.spotify_track_id ELSE plays.spotify_track_id END,
                   CASE WHEN r.state = 'resolved' THEN r.isrc ELSE plays.isrc END,
                   CASE WHEN r.state = 'resolved' THEN r.duration_ms ELSE plays.duration_ms END,
                   CASE WHEN r.state = 'resolved' THEN COALESCE(r.album, plays.album) ELSE plays.album END,
                   CASE WHEN r.state = 'resolved' THEN 'enriched' ELSE 'unresolved' END,
                   CASE WHEN r.state = 'resolved' THEN NULL ELSE r.reason END,
                   CASE WHEN r.state = 'resolved' THEN NULL ELSE r.recheck_at END
            FROM track_resolutions r WHERE r.key = 
        """ + PlayKey + ")";

    /// <summary>
    /// The texts of the JSON array <c>@keys</c> as a one-column relation for <c>IN (...)</c> (SQLite <c>json_each</c>,
    /// PostgreSQL <c>jsonb_array_elements_text</c>): one parameter whatever the count.
    /// </summary>
    private protected abstract string TextList { get; }

    /// <summary>The resolutions of the JSON array <c>@rows</c> as a relation <c>r(k, tid, isrc, d, al, st, re, ch, ra)</c>.</summary>
    private protected abstract string EnrichmentRows { get; }

    /// <summary>
    /// Fills the listener's due plays whose key is already known (resolved, or unresolved and not yet due again) straight from
    /// <c>track_resolutions</c>, without any provider call; returns how many plays changed.
    /// </summary>
    public Task<int> FillKnownPlaysAsync(long listenerId, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command($"""
            {FillFromResolution}
            WHERE plays.listener_id = @listenerId AND {DuePlay}
              AND EXISTS (SELECT 1 FROM track_resolutions r WHERE r.key = {PlayKey} AND (r.state = 'resolved' OR r.recheck_at > @now))
            """, new { listenerId, now = NowMs }, tx, cancellationToken)), cancellationToken);

    /// <summary>The distinct keys of the listener's due plays, in key order, with what a search needs for name-only keys.</summary>
    public async Task<IReadOnlyList<PendingTrack>> ListPendingTracksAsync(long listenerId, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<PendingRow>(Command($"""
            SELECT k AS Key, MIN(nt) AS NormTitle, MIN(na) AS NormArtist, MIN(t) AS Title, MIN(a) AS Artist, MIN(al) AS Album, MAX(ms) AS LongestPlayMs
            FROM (SELECT {PlayKey} AS k, plays.norm_title AS nt, plays.norm_artist AS na, plays.title AS t, plays.artist AS a, plays.album AS al,
                         plays.ms_played AS ms
                  FROM plays WHERE plays.listener_id = @listenerId AND {DuePlay}) x
            GROUP BY k ORDER BY k
            """, new { listenerId, now = NowMs }, null, cancellationToken)), cancellationToken);
        return rows.Select(r => r.Key.StartsWith(PendingTrack.IdPrefix, StringComparison.Ordinal)
            ? new PendingTrack(r.Key)
            : new PendingTrack(r.Key, r.NormTitle, r.NormArtist, r.Title, r.Artist, r.Album, r.LongestPlayMs)).ToList();
    }

    /// <summary>The stored resolutions of these keys.</summary>
    public async Task<IReadOnlyList<TrackResolution>> GetTrackResolutionsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<ResolutionRow>(Command($"""
            SELECT key AS Key, state AS State, spotify_track_id AS SpotifyTrackId, isrc AS Isrc, duration_ms AS DurationMs, album AS Album,
                   reason AS Reason, checks AS Checks, recheck_at AS RecheckAt
            FROM track_resolutions WHERE key IN ({TextList})
            """, new { keys = JsonSerializer.Serialize(keys) }, null, cancellationToken)), cancellationToken);
        return rows.Select(r => new TrackResolution(r.Key, r.State)
        {
            SpotifyTrackId = r.SpotifyTrackId, Isrc = r.Isrc, DurationMs = r.DurationMs, Album = r.Album, Reason = r.Reason, Checks = r.Checks,
            RecheckAt = FromMs(r.RecheckAt),
        }).ToList();
    }

    /// <summary>
    /// Stores what a job learned and fills every play of every listener waiting on those keys (pending, or unresolved
    /// whether due or not), in one transaction: one upsert, one update. <paramref name="alsoFill"/> names keys already stored
    /// whose plays are filled too. Returns how many plays were enriched and how many marked unresolved.
    /// </summary>
    public Task<PlayFill> ApplyTrackResolutionsAsync(IReadOnlyList<TrackResolution> resolutions, IReadOnlyCollection<string> alsoFill, CancellationToken cancellationToken)
    {
        if (resolutions.Count == 0 && alsoFill.Count == 0)
        {
            return Task.FromResult(new PlayFill(0, 0));
        }

        var rows = JsonSerializer.Serialize(resolutions.Select(r => new
        {
            k = r.Key, tid = r.SpotifyTrackId, isrc = r.Isrc, d = r.DurationMs, al = r.Album, st = r.State, re = r.Reason, ch = r.Checks,
            ra = ToMs(r.RecheckAt),
        }));
        var keys = JsonSerializer.Serialize(resolutions.Select(r => r.Key).Concat(alsoFill).Distinct(StringComparer.Ordinal));
        return WriteAsync(async (c, tx) =>
        {
            var now = NowMs;
            if (resolutions.Count > 0)
            {
                await c.ExecuteAsync(Command($"""
                INSERT INTO track_resolutions (key, spotify_track_id, isrc, duration_ms, album, state, reason, checks, recheck_at, resolved_at)
                SELECT r.k, r.tid, r.isrc, r.d, r.al, r.st, r.re, r.ch, r.ra, @now FROM {EnrichmentRows} WHERE true
                ON CONFLICT (key) DO UPDATE SET spotify_track_id = excluded.spotify_track_id, isrc = excluded.isrc, duration_ms = excluded.duration_ms,
                    album = excluded.album, state = excluded.state, reason = excluded.reason, checks = excluded.checks, recheck_at = excluded.recheck_at,
                    resolved_at = excluded.resolved_at
                """, new { rows, now }, tx, cancellationToken));
            }

            // Listener first through plays_enrich (listener_id, enrich_state): only the plays not yet enriched are visited.
            var states = await c.QueryAsync<string>(Command($"""
                {FillFromResolution}
                WHERE plays.listener_id IN (SELECT id FROM listeners) AND plays.enrich_state IN ('pending', 'unresolved')
                  AND {PlayKey} IN ({TextList})
                RETURNING enrich_state
                """, new { keys }, tx, cancellationToken));
            var counted = states.ToList();
            return new PlayFill(counted.Count(s => s == "enriched"), counted.Count(s => s != "enriched"));
        }, cancellationToken);
    }

    /// <summary>An enrich_listener job for every listener with plays never tried or unresolved and due for a re-check.</summary>
    public Task<int> EnqueueEnrichmentDueAsync(long? runId, CancellationToken cancellationToken) =>
        SweepAsync("""
            INSERT INTO jobs (account_id, source, job_type, subject, unique_key, args, provider, state, priority, max_attempts, run_at, created_at, run_id)
            SELECT l.account_id, 'spotify', 'enrich_listener', 'listener:' || CAST(l.id AS TEXT), 'spotify:enrich_listener:listener:' || CAST(l.id AS TEXT),
                   '{"listener":' || CAST(l.id AS TEXT) || '}', NULL, 'pending', 0, 10, @now, @now, @run
            FROM listeners l
            WHERE EXISTS (SELECT 1 FROM plays WHERE plays.listener_id = l.id AND (plays.enrich_state = 'pending'
                          OR (plays.enrich_state = 'unresolved' AND plays.recheck_at <= @now)))
            ON CONFLICT (unique_key) WHERE state IN ('pending', 'running') DO NOTHING
            """, runId, new { run = runId, now = NowMs }, cancellationToken);

    /// <summary>Settable members rather than a constructor: SQLite types an empty result's computed columns as blobs.</summary>
    private sealed class PendingRow
    {
        public string Key { get; set; } = "";
        public string? NormTitle { get; set; }
        public string? NormArtist { get; set; }
        public string? Title { get; set; }
        public string? Artist { get; set; }
        public string? Album { get; set; }
        public long? LongestPlayMs { get; set; }
    }

    private sealed record ResolutionRow(
        string Key, string State, string? SpotifyTrackId, string? Isrc, long? DurationMs, string? Album, string? Reason, long Checks, long? RecheckAt);
}
