-- Each user's secret iCalendar feed of token expiries, as GitLab offers. Calendar apps can't
-- sign in, so the feed's address carries a secret; only its SHA-256 is stored.
CREATE TABLE calendar_feeds (
    account_id BIGINT   NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    feed_hash  CHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_calendar_feed_hash UNIQUE (feed_hash)
);
