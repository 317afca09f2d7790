-- Passkeys, in the tables Spring Security's JDBC WebAuthn stores read and write (its own
-- schema, with bytea, which H2 reads as binary varying, so one migration serves both).
-- user_entities maps a username to the random handle passkeys know the user by.
CREATE TABLE user_entities (
    id           VARCHAR(1000) NOT NULL PRIMARY KEY,
    name         VARCHAR(100)  NOT NULL UNIQUE,
    display_name VARCHAR(200)
);

CREATE TABLE user_credentials (
    credential_id                VARCHAR(1000) NOT NULL PRIMARY KEY,
    user_entity_user_id          VARCHAR(1000) NOT NULL,
    public_key                   BYTEA         NOT NULL,
    signature_count              BIGINT,
    uv_initialized               BOOLEAN,
    backup_eligible              BOOLEAN       NOT NULL,
    authenticator_transports     VARCHAR(1000),
    public_key_credential_type   VARCHAR(100),
    backup_state                 BOOLEAN       NOT NULL,
    attestation_object           BYTEA,
    attestation_client_data_json BYTEA,
    created                      TIMESTAMP,
    last_used                    TIMESTAMP,
    label                        VARCHAR(1000) NOT NULL
);
CREATE INDEX ix_user_credentials_user ON user_credentials (user_entity_user_id);
