-- Which expiry mails a token's owner has had ("reminder:7" seven days before, "expired" on
-- the day). Regenerating a token clears them, for its new expiry. The key makes each mail go
-- out once even with several nodes checking.
CREATE TABLE token_expiry_notices (
    token_id BIGINT      NOT NULL REFERENCES personal_access_tokens (id) ON DELETE CASCADE,
    notice   VARCHAR(20) NOT NULL,
    sent_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (token_id, notice)
);
