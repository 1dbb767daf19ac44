-- Catalogs per account: albums, songs, their Spotify links and every change to a link.
CREATE TABLE catalogs (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX catalogs_name ON catalogs (account_id, name);

CREATE TABLE albums (
    id          INTEGER PRIMARY KEY,
    catalog_id  INTEGER NOT NULL REFERENCES catalogs (id),
    title       TEXT    NOT NULL,
    album_key   TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX albums_key ON albums (catalog_id, album_key);

CREATE TABLE songs (
    id                        INTEGER PRIMARY KEY,
    catalog_id                INTEGER NOT NULL REFERENCES catalogs (id),
    account_id                INTEGER NOT NULL REFERENCES accounts (id),
    album_id                  INTEGER REFERENCES albums (id),
    song_key                  TEXT    NOT NULL,
    title                     TEXT    NOT NULL,
    artists                   TEXT    NOT NULL,
    isrc                      TEXT,
    duration_ms               INTEGER,
    duration_source           TEXT,
    musicbrainz_recording_id  TEXT,
    release_date              TEXT,
    created_at                INTEGER NOT NULL,
    updated_at                INTEGER NOT NULL
);
CREATE UNIQUE INDEX songs_key ON songs (catalog_id, song_key);
CREATE INDEX songs_isrc ON songs (isrc) WHERE isrc IS NOT NULL;

CREATE TABLE links (
    id                 INTEGER PRIMARY KEY,
    song_id            INTEGER NOT NULL UNIQUE REFERENCES songs (id),
    spotify_track_id   TEXT,
    track_duration_ms  INTEGER,
    state              TEXT    NOT NULL,
    review_reason      TEXT,
    score              REAL,
    breakdown          TEXT,
    candidates         TEXT,
    matcher_version    TEXT,
    decided_by         TEXT    NOT NULL,
    checked_at         INTEGER,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX links_track ON links (spotify_track_id);

CREATE TABLE link_history (
    id                INTEGER PRIMARY KEY,
    song_id           INTEGER NOT NULL,
    old_track_id      TEXT,
    new_track_id      TEXT,
    old_state         TEXT,
    new_state         TEXT    NOT NULL,
    decided_by        TEXT    NOT NULL,
    reason            TEXT,
    job_id            INTEGER,
    at                INTEGER NOT NULL
);
CREATE INDEX link_history_song ON link_history (song_id, id);
