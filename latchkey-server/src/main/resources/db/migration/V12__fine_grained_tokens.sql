-- Fine-grained tokens: the resources a token is limited to, by type, as JSON such as
-- {"notebook":[{"id":"12","name":"Work"}]}. NULL (or a type not named) means all of them.
-- One column rather than a table, so the token check stays one indexed row.
ALTER TABLE personal_access_tokens ADD COLUMN resources VARCHAR(20000);

-- The server itself, as a confidential client with no secret: nobody can authenticate as it
-- at the token endpoint, and the server issues itself client-credentials tokens in process
-- to call the platform's resource lists.
INSERT INTO oauth_apps (client_id, owner_account_id, name, homepage_url, description, redirect_uris, confidential,
                        created_at)
VALUES ('latchkey-server', NULL, 'Latchkey server', 'https://localhost/',
        'The Latchkey server itself, listing a user''s resources for the token picker', '', TRUE,
        CURRENT_TIMESTAMP);
