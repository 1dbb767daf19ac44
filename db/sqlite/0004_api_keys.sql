-- API keys (rfn_<id>_<secret>): only the SHA-256 of the secret is stored; the key is shown once at creation.
CREATE TABLE api_keys (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    name          TEXT,
    admin         INTEGER NOT NULL DEFAULT 0,
    secret_hash   BLOB    NOT NULL,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER,
    revoked_at    INTEGER
);
CREATE INDEX api_keys_account ON api_keys (account_id);

-- The API's job listing: one filter set, newest first, keyset-paged by id.
CREATE INDEX jobs_listing ON jobs (source, job_type, state, id);
