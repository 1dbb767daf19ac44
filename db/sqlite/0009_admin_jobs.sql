-- PostgreSQL's 0009 adds a partial index for dead and failed jobs. SQLite's planner uses a partial index only when the
-- query repeats the index's WHERE term, which a filter on state = @state never does, so here it would cost writes and
-- serve nothing. The number is kept so both dialects stay at the same version.
SELECT 1;
