-- The merge's index is (listener_id, played_at) instead of (listener_id, name_key, played_at): plays arrive in time order
-- (an export's files are chronological, a sync brings the latest), so new entries append at the index's end instead of
-- landing at random places by name hash. A play's ±60 s window holds one or two stored plays, whose names the merge then
-- compares. (PostgreSQL's 0011 also drops the foreign key from plays to listeners; SQLite checks it inline, one writer at
-- a time, so it keeps it.)
DROP INDEX plays_same;
CREATE INDEX plays_time ON plays (listener_id, played_at);
