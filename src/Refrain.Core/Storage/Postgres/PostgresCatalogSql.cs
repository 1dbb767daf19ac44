namespace Refrain.Storage.Postgres;

/// <summary>Every PostgreSQL-specific catalog statement.</summary>
internal static class PostgresCatalogSql
{
    /// <summary>The staging table an import COPYs its rows into (dropped at commit); its columns are the JSON members.</summary>
    public const string CreateStaging =
        "CREATE TEMP TABLE import_rows (k text, t text, ar text, al text, ak text, i text, d bigint, mb text, rd text, tid text) ON COMMIT DROP";

    public const string CopyStaging = "COPY import_rows (k, t, ar, al, ak, i, d, mb, rd, tid) FROM STDIN (FORMAT BINARY)";

    /// <summary>Rows sent as one JSON array <c>@rows</c>.</summary>
    public static readonly CatalogSql Statements =
        Build("jsonb_to_recordset(@rows::jsonb) AS r(k text, t text, ar text, al text, ak text, i text, d bigint, mb text, rd text, tid text)");

    /// <summary>Rows COPYed into <see cref="CreateStaging"/>'s table: a large import in one statement per step.</summary>
    public static readonly CatalogSql Staged = Build("import_rows AS r");

    private static CatalogSql Build(string songRows) => new()
    {
        InsertAlbums = $"""
            INSERT INTO albums (catalog_id, title, album_key, created_at)
            SELECT @catalog, MIN(r.al), r.ak, @now FROM {songRows}
            WHERE r.ak IS NOT NULL GROUP BY r.ak
            ON CONFLICT (catalog_id, album_key) DO NOTHING
            """,
        UpsertSongs = $"""
            INSERT INTO songs (catalog_id, account_id, album_id, song_key, title, artists, isrc, duration_ms, duration_source,
                               musicbrainz_recording_id, release_date, created_at, updated_at)
            SELECT @catalog, @account, a.id,
                   r.k, r.t, r.ar, r.i, r.d, CASE WHEN r.d IS NULL THEN NULL ELSE 'import' END, r.mb, r.rd, @now, @now
            FROM {songRows} LEFT JOIN albums a ON a.catalog_id = @catalog AND a.album_key = r.ak
            ON CONFLICT (catalog_id, song_key) DO UPDATE SET
                album_id = excluded.album_id, title = excluded.title, artists = excluded.artists, isrc = excluded.isrc,
                duration_ms = COALESCE(excluded.duration_ms, songs.duration_ms),
                duration_source = CASE WHEN excluded.duration_ms IS NULL THEN songs.duration_source ELSE 'import' END,
                musicbrainz_recording_id = COALESCE(excluded.musicbrainz_recording_id, songs.musicbrainz_recording_id),
                release_date = COALESCE(excluded.release_date, songs.release_date), updated_at = excluded.updated_at
            WHERE songs.album_id IS DISTINCT FROM excluded.album_id OR songs.title IS DISTINCT FROM excluded.title
               OR songs.artists IS DISTINCT FROM excluded.artists OR songs.isrc IS DISTINCT FROM excluded.isrc
               OR (excluded.duration_ms IS NOT NULL AND songs.duration_ms IS DISTINCT FROM excluded.duration_ms)
               OR (excluded.musicbrainz_recording_id IS NOT NULL AND songs.musicbrainz_recording_id IS DISTINCT FROM excluded.musicbrainz_recording_id)
               OR (excluded.release_date IS NOT NULL AND songs.release_date IS DISTINCT FROM excluded.release_date)
            RETURNING id, created_at
            """,
        CountKeptForReviewer = $"""
            SELECT COUNT(*) FROM {songRows} JOIN songs s ON s.catalog_id = @catalog AND s.song_key = r.k
            JOIN links l ON l.song_id = s.id
            WHERE r.tid IS NOT NULL AND l.decided_by = 'reviewer' AND l.spotify_track_id IS DISTINCT FROM r.tid
            """,
        UpsertLinks = $"""
            INSERT INTO links (song_id, spotify_track_id, state, decided_by, created_at, updated_at)
            SELECT s.id, r.tid, 'linked', 'import', @now, @now
            FROM {songRows} JOIN songs s ON s.catalog_id = @catalog AND s.song_key = r.k
            WHERE r.tid IS NOT NULL
            ON CONFLICT (song_id) DO UPDATE SET
                spotify_track_id = excluded.spotify_track_id, track_duration_ms = NULL, state = 'linked', review_reason = NULL,
                score = NULL, breakdown = NULL, candidates = NULL, matcher_version = NULL, decided_by = 'import', checked_at = NULL,
                updated_at = excluded.updated_at
            WHERE links.decided_by <> 'reviewer' AND links.spotify_track_id IS DISTINCT FROM excluded.spotify_track_id
            """,
        InsertImportHistory = $"""
            INSERT INTO link_history (song_id, old_track_id, new_track_id, old_state, new_state, decided_by, reason, job_id, at)
            SELECT s.id, l.spotify_track_id, r.tid, CASE WHEN l.decided_by IS NULL THEN NULL ELSE 'linked' END, 'linked', 'import', 'import', NULL, @now
            FROM {songRows} JOIN songs s ON s.catalog_id = @catalog AND s.song_key = r.k
            LEFT JOIN links l ON l.song_id = s.id
            WHERE r.tid IS NOT NULL AND (l.decided_by IS NULL OR l.decided_by <> 'reviewer') AND l.spotify_track_id IS DISTINCT FROM r.tid
            """,
        SeedSongs = """
            INSERT INTO songs (catalog_id, account_id, song_key, title, artists, isrc, duration_ms, duration_source, created_at, updated_at)
            SELECT @catalog, @account, 'bench:' || n, 'Song ' || n, '["Artist ' || (n % 1000) || '"]',
                   'QZBEN' || lpad(n::text, 7, '0'), 180000 + (n % 120000), 'import', @now, @now
            FROM generate_series(1, @count) AS n
            """,
        SeedLinks = """
            INSERT INTO links (song_id, spotify_track_id, track_duration_ms, state, decided_by, created_at, updated_at)
            SELECT id, 'bench' || lpad(id::text, 17, '0'),
                   CASE WHEN id % @every = 0 THEN duration_ms + 90000 ELSE duration_ms + (id % 7) * 1000 END,
                   'linked', 'import', @now, @now
            FROM songs WHERE catalog_id = @catalog
            """,
        EnqueueMismatches = MismatchSql.Enqueue,
    };
}
