-- Accounts' identities at the platform's identity providers: who a provider's user is here.
CREATE TABLE linked_identities (
    provider_id  VARCHAR(100)  NOT NULL,
    subject      VARCHAR(255)  NOT NULL,
    account_id   BIGINT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    username     VARCHAR(255),
    linked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_linked_identities PRIMARY KEY (provider_id, subject)
);
CREATE INDEX ix_linked_identities_account ON linked_identities (account_id);
