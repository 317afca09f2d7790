-- Two-factor authentication with an authenticator app. The TOTP seed is sealed with AES-GCM
-- under the data-encryption key ("<key id>:<nonce and ciphertext>"); confirmed_at stays NULL
-- while the user is still setting it up. last_step is the time step of the last code accepted,
-- so that no code works twice.
CREATE TABLE two_factor (
    account_id   BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    sealed_seed  VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at TIMESTAMP WITH TIME ZONE,
    last_step    BIGINT DEFAULT 0 NOT NULL
);

-- Recovery codes: only their SHA-256; used_at marks the one use.
CREATE TABLE recovery_codes (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash  VARCHAR(64) NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (account_id, code_hash)
);
