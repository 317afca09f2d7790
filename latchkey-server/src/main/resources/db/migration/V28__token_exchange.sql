-- RFC 8693 token exchange: which apps an admin allows to trade tokens, and who acts with a traded token.
ALTER TABLE oauth_apps ADD COLUMN token_exchange BOOLEAN DEFAULT FALSE NOT NULL;

-- The actor (RFC 8693's act.sub) of an access token issued by an exchange with an actor token.
ALTER TABLE oauth2_authorizations ADD COLUMN access_actor VARCHAR(200);
