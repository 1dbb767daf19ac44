-- A tombstone keeps the deleted play's name hash, end time and precision, so the merge refuses the same play from any
-- source (a minute-precision account-data export of a play deleted after a sync), not only its exact ingest key.
-- Tombstones written before this migration have NULL there and keep matching by ingest key only.
ALTER TABLE play_tombstones ADD COLUMN name_key BIGINT;
ALTER TABLE play_tombstones ADD COLUMN played_at BIGINT;
ALTER TABLE play_tombstones ADD COLUMN precision_ms BIGINT;
CREATE INDEX play_tombstones_time ON play_tombstones (listener_id, played_at);
