-- Provider caches (DESIGN §6): Spotify track metadata by Spotify id and track searches by query. Provider data is
-- global: two accounts with the same recording share one row. Every *_at column is Unix time in milliseconds (UTC).
CREATE TABLE spotify_tracks (
    id           TEXT    PRIMARY KEY,
    isrc         TEXT,
    name         TEXT    NOT NULL,
    duration_ms  BIGINT  NOT NULL,
    body         TEXT    NOT NULL,
    fetched_at   BIGINT  NOT NULL
);
CREATE INDEX spotify_tracks_isrc ON spotify_tracks (isrc) WHERE isrc IS NOT NULL;

CREATE TABLE spotify_searches (
    query        TEXT    PRIMARY KEY,
    results      TEXT    NOT NULL,
    fetched_at   BIGINT  NOT NULL
);
