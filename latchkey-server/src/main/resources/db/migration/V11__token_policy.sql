-- The instance's token policy, one row, edited by admins. NULL limits mean "no limit".
CREATE TABLE token_policy (
    id                  INT          NOT NULL PRIMARY KEY,
    max_lifetime_days   INT,
    expiration_required BOOLEAN      NOT NULL,
    -- Space-separated, as OAuth's scope parameter; NULL allows every scope.
    allowed_scopes      VARCHAR(2000),
    admins_only         BOOLEAN      NOT NULL,
    max_tokens_per_user INT,
    updated_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_token_policy_one_row CHECK (id = 1)
);
INSERT INTO token_policy (id, max_lifetime_days, expiration_required, allowed_scopes, admins_only, max_tokens_per_user)
VALUES (1, NULL, FALSE, NULL, FALSE, NULL);
