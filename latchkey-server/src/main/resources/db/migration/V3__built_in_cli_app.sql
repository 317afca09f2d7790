-- The latchkey CLI signs in with the device flow as a public client that every Latchkey
-- has built in, as GitHub's CLI does; it belongs to no user.
ALTER TABLE oauth_apps ALTER COLUMN owner_account_id DROP NOT NULL;

INSERT INTO oauth_apps (client_id, owner_account_id, name, homepage_url, description, redirect_uris, confidential,
                        created_at)
VALUES ('latchkey-cli', NULL, 'Latchkey CLI', 'https://localhost/',
        'The latchkey command-line tool, signed in with the device flow', 'http://127.0.0.1/callback', FALSE,
        CURRENT_TIMESTAMP);
