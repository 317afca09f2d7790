-- The expiry notifier looks for tokens expiring in a window at start and every 15 minutes;
-- without an index each look read the whole table (a million rows in the data-scale runs).
CREATE INDEX ix_pat_expires_at ON personal_access_tokens (expires_at);
