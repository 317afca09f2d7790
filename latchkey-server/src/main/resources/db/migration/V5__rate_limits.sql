-- Requests per subject (a user, a token with its own limit, or an app) per hour window,
-- summed over every node. Nodes add their counts in batches, about once a second.
CREATE TABLE rate_limit_windows (
    subject      VARCHAR(120) NOT NULL,
    window_start BIGINT       NOT NULL,
    used         BIGINT       NOT NULL,
    PRIMARY KEY (subject, window_start)
);

-- A personal access token may have a limit of its own; otherwise its owner's applies.
ALTER TABLE personal_access_tokens ADD COLUMN rate_limit_per_hour INT;
