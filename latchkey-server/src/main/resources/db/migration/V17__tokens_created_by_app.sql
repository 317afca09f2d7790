-- The OAuth App (the CLI) whose token created a personal access token, if one did; shown in
-- the token list. No foreign key: the token outlives the app, and then shows its client id.
ALTER TABLE personal_access_tokens ADD COLUMN created_by_client_id VARCHAR(100);
