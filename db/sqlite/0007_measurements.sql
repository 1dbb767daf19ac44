-- Measurements (issue 6). Provider data is global: two accounts with the same recording share its rows and never pay twice.
-- A recording is its ISRC, or 'spotify:<track id>' for a song without one. Dates are UTC calendar days 'YYYY-MM-DD';
-- every *_at column is Unix time in milliseconds (UTC).
CREATE TABLE measurements (
    recording   TEXT    NOT NULL,
    platform    TEXT    NOT NULL,
    metric      TEXT    NOT NULL,
    date        TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    -- The cumulative total the source reported for that day.
    total       INTEGER NOT NULL,
    -- The difference from the previous day's total: null when that day has no value, or when the difference is negative
    -- (then flagged = 1), never a made-up zero.
    daily       INTEGER,
    flagged     INTEGER NOT NULL DEFAULT 0,
    fetched_at  INTEGER NOT NULL,
    PRIMARY KEY (recording, platform, metric, date, source)
);

-- What the historical backfill knows per recording and platform: 'backfilled' (through_date) or 'no_history' (Songstats
-- answered 404: never fetched again, by any account).
CREATE TABLE backfills (
    recording     TEXT    NOT NULL,
    platform      TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    through_date  TEXT,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (recording, platform)
);

-- Paid calls. quota_usage holds the running count per provider, scope (an account id, or 0 for the provider as a whole)
-- and UTC month 'YYYY-MM'; a unit is reserved by one conditional update (used < cap) so parallel workers cannot overshoot.
-- Costs are in micro-dollars (integers: no rounding drift). quota_ledger keeps every reservation.
CREATE TABLE quota_usage (
    provider        TEXT    NOT NULL,
    account_id      INTEGER NOT NULL,
    period          TEXT    NOT NULL,
    used            INTEGER NOT NULL DEFAULT 0,
    cost_micro_usd  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (provider, account_id, period)
);

CREATE TABLE quota_ledger (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER REFERENCES accounts (id),
    provider        TEXT    NOT NULL,
    units           INTEGER NOT NULL,
    cost_micro_usd  INTEGER NOT NULL,
    job_id          INTEGER,
    outcome         TEXT,
    at              INTEGER NOT NULL
);
CREATE INDEX quota_ledger_provider ON quota_ledger (provider, at);
CREATE INDEX quota_ledger_account ON quota_ledger (account_id, at);

-- The payment gate (Billing:Provider = stripe): the account's Stripe customer and when a card was put on file.
ALTER TABLE accounts ADD COLUMN stripe_customer_id TEXT;
ALTER TABLE accounts ADD COLUMN card_on_file_at INTEGER;

-- Webhook events already applied, by Stripe event id: a redelivered event changes nothing.
CREATE TABLE billing_events (
    id           TEXT    PRIMARY KEY,
    type         TEXT    NOT NULL,
    account_id   INTEGER,
    received_at  INTEGER NOT NULL
);
