-- The job engine: accounts, jobs, runs, schedules, provider state and the rate-limit log.
-- Every *_at column is Unix time in milliseconds (UTC).
CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);
INSERT INTO accounts (id, name, created_at) VALUES (1, 'default', CAST(unixepoch('subsec') * 1000 AS INTEGER));

CREATE TABLE jobs (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER REFERENCES accounts (id),
    source          TEXT    NOT NULL,
    job_type        TEXT    NOT NULL,
    subject         TEXT,
    unique_key      TEXT,
    args            TEXT    NOT NULL DEFAULT '{}',
    provider        TEXT,
    state           TEXT    NOT NULL,
    priority        INTEGER NOT NULL DEFAULT 0,
    attempts        INTEGER NOT NULL DEFAULT 0,
    max_attempts    INTEGER NOT NULL DEFAULT 10,
    parse_failures  INTEGER NOT NULL DEFAULT 0,
    run_at          INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    started_at      INTEGER,
    finished_at     INTEGER,
    lease_until     INTEGER,
    lease_token     INTEGER,
    worker_id       TEXT,
    run_id          INTEGER,
    reason          TEXT,
    last_error      TEXT,
    detail          TEXT
);
CREATE UNIQUE INDEX jobs_active_unique_key ON jobs (unique_key) WHERE state IN ('pending', 'running');
CREATE INDEX jobs_claim ON jobs (priority DESC, run_at, id) WHERE state = 'pending';
CREATE INDEX jobs_running_lease ON jobs (lease_until) WHERE state = 'running';
CREATE INDEX jobs_run ON jobs (run_id) WHERE run_id IS NOT NULL;

CREATE TABLE runs (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER REFERENCES accounts (id),
    kind            TEXT    NOT NULL,
    trigger_type    TEXT    NOT NULL,
    requested_by    TEXT,
    schedule_name   TEXT,
    fire_time       INTEGER,
    state           TEXT    NOT NULL,
    root_job_id     INTEGER,
    created_at      INTEGER NOT NULL,
    ended_at        INTEGER,
    total           INTEGER NOT NULL DEFAULT 0,
    succeeded       INTEGER NOT NULL DEFAULT 0,
    no_data         INTEGER NOT NULL DEFAULT 0,
    failed          INTEGER NOT NULL DEFAULT 0,
    dead            INTEGER NOT NULL DEFAULT 0,
    cancelled       INTEGER NOT NULL DEFAULT 0,
    summary         TEXT
);
CREATE INDEX runs_active ON runs (state) WHERE state = 'running';

CREATE TABLE schedules (
    id                    INTEGER PRIMARY KEY,
    account_id            INTEGER REFERENCES accounts (id),
    name                  TEXT    NOT NULL,
    cron                  TEXT    NOT NULL,
    time_zone             TEXT    NOT NULL DEFAULT 'UTC',
    source                TEXT    NOT NULL,
    job_type              TEXT    NOT NULL,
    args                  TEXT    NOT NULL DEFAULT '{}',
    enabled               INTEGER NOT NULL DEFAULT 1,
    overlap               TEXT    NOT NULL DEFAULT 'skip',
    misfire               TEXT    NOT NULL DEFAULT 'once',
    misfire_threshold_ms  INTEGER NOT NULL DEFAULT 60000,
    notify                TEXT    NOT NULL DEFAULT 'failure',
    origin                TEXT    NOT NULL DEFAULT 'runtime',
    next_fire_at          INTEGER,
    last_fire_at          INTEGER,
    last_run_id           INTEGER,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);
CREATE UNIQUE INDEX schedules_name ON schedules (COALESCE(account_id, 0), name);
CREATE INDEX schedules_due ON schedules (next_fire_at) WHERE enabled = 1;

CREATE TABLE providers (
    name          TEXT    PRIMARY KEY,
    paused_until  INTEGER,
    reason        TEXT,
    pause_count   INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE provider_requests (
    provider  TEXT    NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX provider_requests_window ON provider_requests (provider, at);
