-- The token policy's limit on sanctioned tokens' lifetime, and the idle time after which a
-- token is revoked (GitHub revokes after a year unused). NULL means no limit.
ALTER TABLE token_policy ADD COLUMN max_sanctioned_lifetime_days INT;
ALTER TABLE token_policy ADD COLUMN revoke_unused_after_days INT;
