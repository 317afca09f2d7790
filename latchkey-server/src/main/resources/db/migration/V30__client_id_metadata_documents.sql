-- Client ID metadata documents: an app whose client_id is the https URL of its metadata, so
-- client ids grow to the length of a URL wherever they are kept.
ALTER TABLE oauth_apps ALTER COLUMN client_id SET DATA TYPE VARCHAR(2000);
ALTER TABLE oauth2_authorizations ALTER COLUMN registered_client_id SET DATA TYPE VARCHAR(2000);
ALTER TABLE oauth2_authorization_consent ALTER COLUMN registered_client_id SET DATA TYPE VARCHAR(2000);
