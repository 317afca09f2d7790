-- Sanctioned tokens: a token the owner (account_id) issues for another user, the delegate,
-- to act on the owner's data. It works only once the delegate accepts, and its secret is
-- made at that moment and shown to the delegate alone; until then its hash is of a secret
-- nobody was ever shown.
ALTER TABLE personal_access_tokens ADD COLUMN delegate_account_id BIGINT REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE personal_access_tokens ADD COLUMN accepted_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_pat_delegate ON personal_access_tokens (delegate_account_id);
