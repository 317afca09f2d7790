-- An app an admin marks as a resource server (the platform's API) may introspect any token;
-- every other app only its own tokens and its owner's (RFC 7662 section 4).
ALTER TABLE oauth_apps ADD COLUMN resource_server BOOLEAN DEFAULT FALSE NOT NULL;
