-- Listening history, part two: connecting Spotify, syncing, uploads and enrichment (issue 5).
-- Every *_at column is Unix time in milliseconds (UTC).

-- The ASP.NET Core Data Protection key ring, shared by every node; each key's XML is itself encrypted with the key from
-- configuration (Security:TokenKey) before it is stored here.
CREATE TABLE protection_keys (
    name        TEXT    PRIMARY KEY,
    xml         TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

-- A connect link: single-use (opened_at), expiring, and the PKCE verifier of the authorization it starts (encrypted).
-- The OAuth state names the nonce; the callback completes it once (completed_at).
CREATE TABLE connect_links (
    nonce          TEXT    PRIMARY KEY,
    listener_id    INTEGER NOT NULL REFERENCES listeners (id) ON DELETE CASCADE,
    code_verifier  BLOB,
    expires_at     INTEGER NOT NULL,
    opened_at      INTEGER,
    completed_at   INTEGER,
    created_at     INTEGER NOT NULL
);
CREATE INDEX connect_links_listener ON connect_links (listener_id);

-- Sync bookkeeping on the listener: when the refresh token was obtained, possible gaps (a sync that came back full), and
-- when its refresh-token expiry was last reported (30 and 7 days ahead).
ALTER TABLE listeners ADD COLUMN authorized_at INTEGER;
ALTER TABLE listeners ADD COLUMN possible_gaps INTEGER NOT NULL DEFAULT 0;
ALTER TABLE listeners ADD COLUMN last_gap_at INTEGER;
ALTER TABLE listeners ADD COLUMN expiry_reported_days INTEGER;
CREATE INDEX listeners_status ON listeners (status, id);

-- An upload of a listening-history file (the HTTP API's multipart upload or the CLI's import), with its outcome.
CREATE TABLE listen_uploads (
    id           INTEGER PRIMARY KEY,
    listener_id  INTEGER NOT NULL REFERENCES listeners (id) ON DELETE CASCADE,
    file_name    TEXT    NOT NULL,
    bytes        INTEGER NOT NULL DEFAULT 0,
    status       TEXT    NOT NULL DEFAULT 'running',
    imported     INTEGER NOT NULL DEFAULT 0,
    duplicate    INTEGER NOT NULL DEFAULT 0,
    short        INTEGER NOT NULL DEFAULT 0,
    incognito    INTEGER NOT NULL DEFAULT 0,
    podcast      INTEGER NOT NULL DEFAULT 0,
    invalid      INTEGER NOT NULL DEFAULT 0,
    error        TEXT,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER
);
CREATE INDEX listen_uploads_listener ON listen_uploads (listener_id, id);

-- What enrichment learned about one distinct track, global to every listener: key 'id:<spotify id>' for plays that carry a
-- track id, 'name:<name_key>' for name-only plays. Unresolved keys carry the reason and the next re-check (1 day doubling
-- to 30 days); a transient failure writes nothing here.
CREATE TABLE track_resolutions (
    key               TEXT    PRIMARY KEY,
    spotify_track_id  TEXT,
    isrc              TEXT,
    duration_ms       INTEGER,
    album             TEXT,
    state             TEXT    NOT NULL,
    reason            TEXT,
    checks            INTEGER NOT NULL DEFAULT 1,
    recheck_at        INTEGER,
    resolved_at       INTEGER NOT NULL
);

-- Enrichment finds pending plays per listener without scanning the rest.
CREATE INDEX plays_enrich ON plays (listener_id, enrich_state, recheck_at);
