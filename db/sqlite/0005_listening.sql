-- Listeners: a person whose Spotify listening history Refrain keeps. Tokens are stored encrypted (BLOB).
CREATE TABLE listeners (
    id                 INTEGER PRIMARY KEY,
    account_id         INTEGER NOT NULL REFERENCES accounts (id),
    display_name       TEXT    NOT NULL,
    spotify_user_id    TEXT,
    access_token       BLOB,
    refresh_token      BLOB,
    access_expires_at  INTEGER,
    refresh_expires_at INTEGER,
    status             TEXT    NOT NULL DEFAULT 'active',
    last_sync_at       INTEGER,
    sync_cursor        INTEGER,
    last_error         TEXT,
    created_at         INTEGER NOT NULL
);
CREATE INDEX listeners_account ON listeners (account_id);

-- Plays: played_at is the END of the play (Unix ms, UTC, truncated to the second; to the minute for account data,
-- precision_ms 60000). The ingest key never changes; the merge of one play from several sources uses plays_same.
CREATE TABLE plays (
    id               INTEGER PRIMARY KEY,
    listener_id      INTEGER NOT NULL REFERENCES listeners (id) ON DELETE CASCADE,
    ingest_key       TEXT    NOT NULL,
    artist           TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    album            TEXT,
    norm_artist      TEXT    NOT NULL,
    norm_title       TEXT    NOT NULL,
    name_key         INTEGER  NOT NULL,
    played_at        INTEGER NOT NULL,
    ms_played        INTEGER NOT NULL,
    source           TEXT    NOT NULL,
    precision_ms     INTEGER NOT NULL,
    spotify_track_id TEXT,
    isrc             TEXT,
    duration_ms      INTEGER,
    enrich_state     TEXT    NOT NULL DEFAULT 'pending',
    enrich_reason    TEXT,
    recheck_at       INTEGER,
    created_at       INTEGER NOT NULL
);
CREATE UNIQUE INDEX plays_ingest ON plays (listener_id, ingest_key);
-- name_key is a 64-bit hash of the normalised artist and title: the merge looks up an integer, not two strings.
CREATE INDEX plays_same ON plays (listener_id, name_key, played_at);

-- A deleted play leaves its ingest key here so neither a sync nor a re-import brings it back.
CREATE TABLE play_tombstones (
    listener_id INTEGER NOT NULL REFERENCES listeners (id) ON DELETE CASCADE,
    ingest_key  TEXT    NOT NULL,
    deleted_at  INTEGER NOT NULL,
    PRIMARY KEY (listener_id, ingest_key)
);
