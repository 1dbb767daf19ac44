-- Notifications (issue 7): every event that was announced, and its delivery to each configured channel.
-- Every *_at column is Unix time in milliseconds (UTC).

-- One row per event. event_key makes capture idempotent ('run:<id>', 'stale:<schedule id>:<raised at>', ...), so a check
-- that runs twice, on two nodes or after a crash, announces an event once.
CREATE TABLE notifications (
    id             INTEGER PRIMARY KEY,
    event_key      TEXT    NOT NULL UNIQUE,
    kind           TEXT    NOT NULL,
    account_id     INTEGER REFERENCES accounts (id),
    run_id         INTEGER,
    schedule_name  TEXT,
    subject        TEXT    NOT NULL,
    text           TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX notifications_account ON notifications (account_id, id);
CREATE INDEX notifications_run ON notifications (run_id) WHERE run_id IS NOT NULL;

-- One row per notification per channel (by configured name); the deliver_notification job keeps it current.
CREATE TABLE notification_deliveries (
    notification_id  INTEGER NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    channel          TEXT    NOT NULL,
    state            TEXT    NOT NULL DEFAULT 'pending',
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    delivered_at     INTEGER,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (notification_id, channel)
);

-- Conditions that are announced once while they last (a stale schedule, a long provider pause): tracked from when they
-- began (since_at), announced once (announced_at), and deleted when they clear, so a restart neither repeats nor forgets one.
CREATE TABLE notification_alerts (
    alert_key     TEXT    PRIMARY KEY,
    since_at      INTEGER NOT NULL,
    announced_at  INTEGER
);

-- The persisted high-water mark of the finished-runs scan (ended_at, Unix ms).
CREATE TABLE notification_cursor (
    name      TEXT    PRIMARY KEY,
    position  INTEGER NOT NULL
);

-- The scan finds newly ended runs by their end time.
CREATE INDEX runs_ended ON runs (ended_at) WHERE ended_at IS NOT NULL;

-- The staleness check finds each schedule's last success without reading its other runs.
CREATE INDEX runs_schedule_success ON runs (schedule_name, ended_at) WHERE state = 'succeeded';
