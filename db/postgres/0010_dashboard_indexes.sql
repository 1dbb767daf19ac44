-- Dashboard indexes (issue 7), measured with bench/dashboard.sh on 1,000,000 jobs and 100,000 songs.

-- The job search (?q=) is a substring match on subject and args: without these it reads the jobs table backwards until
-- it has a page (about 1 s at a million jobs); with trigram indexes it reads the matching rows only (about 40 ms).
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX jobs_subject_trgm ON jobs USING gin (COALESCE(subject, '') gin_trgm_ops);
CREATE INDEX jobs_args_trgm ON jobs USING gin (args gin_trgm_ops);

-- The review lists walk links by song id; open items and reviewer-decided ones are a few hundred among every link.
CREATE INDEX links_review ON links (song_id) WHERE state = 'review';
CREATE INDEX links_reviewer ON links (song_id) WHERE decided_by = 'reviewer';
