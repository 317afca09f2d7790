-- OpenID Connect signing keys that rotate: a new key is published before it signs, and an old
-- one stays published until the ID tokens it signed have expired. Private keys are sealed with
-- the data-encryption key from now on; rows written before are sealed when next read.
ALTER TABLE oauth2_signing_keys ADD COLUMN signs_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE oauth2_signing_keys ADD COLUMN retired_at TIMESTAMP WITH TIME ZONE;
