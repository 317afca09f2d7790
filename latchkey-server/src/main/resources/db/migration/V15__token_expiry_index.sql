-- The expiry notifier looks for tokens, not sanctioned ones, expiring in a window, at start and
-- every 15 minutes. With only an index on delegate_account_id, H2 chose it for "IS NULL" and
-- read all the rows (2 s at a million tokens); an index led by the same column and followed by
-- expires_at serves that search (under a millisecond) and the delegate's own lists alike.
CREATE INDEX ix_pat_delegate_expires ON personal_access_tokens (delegate_account_id, expires_at);
DROP INDEX ix_pat_delegate;
