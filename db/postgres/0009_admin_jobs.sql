-- The dashboard's "what went wrong" views (state=dead or failed, alone or with other filters) and "Retry all matching":
-- dead and failed jobs are few among millions, so without this a page of them reads the whole table backwards. Partial,
-- so the hot path (pending -> running -> succeeded) never writes it.
CREATE INDEX jobs_trouble ON jobs (state, id) WHERE state IN ('dead', 'failed');
