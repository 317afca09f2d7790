-- RFC 9449 DPoP: the key an access token is bound to, and the proofs already seen.

-- The JWK SHA-256 thumbprint (cnf.jkt) of the key a DPoP-bound access token is bound to.
ALTER TABLE oauth2_authorizations ADD COLUMN access_jkt VARCHAR(64);

-- Each DPoP proof is good once, on every node: the SHA-256 of its jti, kept until the proof
-- would be too old to accept anyway.
CREATE TABLE dpop_proofs (
    jti_hash   CHAR(64) NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_dpop_proofs_expires ON dpop_proofs (expires_at);
