-- A suspended account can't sign in, and none of its tokens, sessions or OAuth grants work.
ALTER TABLE accounts ADD COLUMN suspended_at TIMESTAMP WITH TIME ZONE;
