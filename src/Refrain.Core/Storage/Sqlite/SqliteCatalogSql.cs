namespace Refrain.Storage.Sqlite;

/// <summary>Every SQLite-specific catalog statement.</summary>
internal static class SqliteCatalogSql
{
    // CROSS JOIN keeps the JSON rows as the outer loop (SQLite's join-order hint): json_each has no index, so the planner's
    // other choice, scanning the catalog's songs and the whole JSON array for each, is quadratic.
    public static readonly CatalogSql Statements = new()
    {
        InsertAlbums = """
            INSERT INTO albums (catalog_id, title, album_key, created_at)
            SELECT @catalog, MIN(value ->> '$.al'), value ->> '$.ak', @now FROM json_each(@rows)
            WHERE value ->> '$.ak' IS NOT NULL GROUP BY value ->> '$.ak'
            ON CONFLICT (catalog_id, album_key) DO NOTHING
            """,
        UpsertSongs = """
            INSERT INTO songs (catalog_id, account_id, album_id, song_key, title, artists, isrc, duration_ms, duration_source,
                               musicbrainz_recording_id, release_date, created_at, updated_at)
            SELECT @catalog, @account, (SELECT a.id FROM albums a WHERE a.catalog_id = @catalog AND a.album_key = r.value ->> '$.ak'),
                   r.value ->> '$.k', r.value ->> '$.t', r.value ->> '$.ar', r.value ->> '$.i', r.value ->> '$.d',
                   CASE WHEN r.value ->> '$.d' IS NULL THEN NULL ELSE 'import' END, r.value ->> '$.mb', r.value ->> '$.rd', @now, @now
            FROM json_each(@rows) AS r WHERE true
            ON CONFLICT (catalog_id, song_key) DO UPDATE SET
                album_id = excluded.album_id, title = excluded.title, artists = excluded.artists, isrc = excluded.isrc,
                duration_ms = COALESCE(excluded.duration_ms, songs.duration_ms),
                duration_source = CASE WHEN excluded.duration_ms IS NULL THEN songs.duration_source ELSE 'import' END,
                musicbrainz_recording_id = COALESCE(excluded.musicbrainz_recording_id, songs.musicbrainz_recording_id),
                release_date = COALESCE(excluded.release_date, songs.release_date), updated_at = excluded.updated_at
            WHERE songs.album_id IS NOT excluded.album_id OR songs.title IS NOT excluded.title OR songs.artists IS NOT excluded.artists
               OR songs.isrc IS NOT excluded.isrc
               OR (excluded.duration_ms IS NOT NULL AND songs.duration_ms IS NOT excluded.duration_ms)
               OR (excluded.musicbrainz_recording_id IS NOT NULL AND songs.musicbrainz_recording_id IS NOT excluded.musicbrainz_recording_id)
               OR (excluded.release_date IS NOT NULL AND songs.release_date IS NOT excluded.release_date)
            RETURNING id, created_at
            """,
        CountKeptForReviewer = """
            SELECT COUNT(*) FROM json_each(@rows) AS r CROSS JOIN songs s ON s.catalog_id = @catalog AND s.song_key = r.value ->> '$.k'
            JOIN links l ON l.song_id = s.id
            WHERE r.value ->> '$.tid' IS NOT NULL AND l.decided_by = 'reviewer' AND l.spotify_track_id IS NOT (r.value ->> '$.tid')
            """,
        UpsertLinks = """
            INSERT INTO links (song_id, spotify_track_id, state, decided_by, created_at, updated_at)
            SELECT s.id, r.value ->> '$.tid', 'linked', 'import', @now, @now
            FROM json_each(@rows) AS r CROSS JOIN songs s ON s.catalog_id = @catalog AND s.song_key = r.value ->> '$.k'
            WHERE r.value ->> '$.tid' IS NOT NULL
            ON CONFLICT (song_id) DO UPDATE SET
                spotify_track_id = excluded.spotify_track_id, track_duration_ms = NULL, state = 'linked', review_reason = NULL,
                score = NULL, breakdown = NULL, candidates = NULL, matcher_version = NULL, decided_by = 'import', checked_at = NULL,
                updated_at = excluded.updated_at
            WHERE links.decided_by <> 'reviewer' AND links.spotify_track_id IS NOT excluded.spotify_track_id
            """,
        InsertImportHistory = """
            INSERT INTO link_history (song_id, old_track_id, new_track_id, old_state, new_state, decided_by, reason, job_id, at)
            SELECT s.id, l.spotify_track_id, r.value ->> '$.tid', CASE WHEN l.decided_by IS NULL THEN NULL ELSE 'linked' END, 'linked',
                   'import', 'import', NULL, @now
            FROM json_each(@rows) AS r CROSS JOIN songs s ON s.catalog_id = @catalog AND s.song_key = r.value ->> '$.k'
            LEFT JOIN links l ON l.song_id = s.id
            WHERE r.value ->> '$.tid' IS NOT NULL AND (l.decided_by IS NULL OR l.decided_by <> 'reviewer')
              AND l.spotify_track_id IS NOT (r.value ->> '$.tid')
            """,
        SeedSongs = """
            INSERT INTO songs (catalog_id, account_id, song_key, title, artists, isrc, duration_ms, duration_source, created_at, updated_at)
            WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < @count)
            SELECT @catalog, @account, 'bench:' || n, 'Song ' || n, '["Artist ' || (n % 1000) || '"]',
                   'QZBEN' || substr('0000000' || n, -7, 7), 180000 + (n % 120000), 'import', @now, @now
            FROM g
            """,
        SeedLinks = """
            INSERT INTO links (song_id, spotify_track_id, track_duration_ms, state, decided_by, created_at, updated_at)
            SELECT id, 'bench' || substr('00000000000000000' || id, -17, 17),
                   CASE WHEN id % @every = 0 THEN duration_ms + 90000 ELSE duration_ms + (id % 7) * 1000 END,
                   'linked', 'import', @now, @now
            FROM songs WHERE catalog_id = @catalog
            """,
        EnqueueMismatches = MismatchSql.Enqueue,
    };
}
