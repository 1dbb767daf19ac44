-- Dashboard indexes (issue 7). SQLite has no trigram index: the job search (?q=) stays a scan here.

-- The review lists walk links by song id; open items and reviewer-decided ones are a few hundred among every link.
CREATE INDEX links_review ON links (song_id) WHERE state = 'review';
CREATE INDEX links_reviewer ON links (song_id) WHERE decided_by = 'reviewer';
