-- RFC 8707 resource indicators: the APIs tokens may be bound to, and the audience each token is bound to.

-- An app an admin marked as a resource server names the URL of its API, its resource identifier.
ALTER TABLE oauth_apps ADD COLUMN resource_url VARCHAR(2000);

-- Space-separated resource identifiers; NULL for a token that any API may accept.
ALTER TABLE oauth2_authorizations ADD COLUMN access_audience VARCHAR(4000);
ALTER TABLE personal_access_tokens ADD COLUMN audience VARCHAR(4000);
