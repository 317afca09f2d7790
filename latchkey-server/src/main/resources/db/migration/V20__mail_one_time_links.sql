-- A mail that carries a one-time link (a password reset) keeps its text only until it is
-- sent: the row stays, for looking into what was sent, but the link doesn't.
ALTER TABLE mail_outbox ADD COLUMN one_time_link BOOLEAN DEFAULT FALSE NOT NULL;
