package dev.latchkey.server.oauth;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.latchkey.client.TokenSecret;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.token.PersonalAccessTokenStore;
import dev.latchkey.server.token.TokenService;

/**
 * Revokes personal access tokens presented to {@code /oauth2/revoke}: by an app of the
 * token's owner, or by the token itself.
 */
@Component
class PersonalTokenRevoker {

	private final PersonalAccessTokenStore tokens;

	private final TokenService service;

	private final OAuthAppStore apps;

	PersonalTokenRevoker(PersonalAccessTokenStore tokens, TokenService service, OAuthAppStore apps) {
		this.tokens = tokens;
		this.service = service;
		this.apps = apps;
	}

	void revokeIfOwnedByAppOwner(String token, String clientId) {
		Optional<ActiveToken> found = this.tokens.findActiveByHash(TokenSecret.sha256Hex(token));
		Optional<Long> appOwner = this.apps.findByClientId(clientId).map(OAuthApp::ownerAccountId);
		if (found.isPresent() && appOwner.isPresent() && appOwner.get().equals(found.get().accountId())) {
			revoke(found.get());
		}
	}

	/** The token revokes itself: having it is the right to end it. */
	void revokeSelf(String token) {
		this.tokens.findActiveByHash(TokenSecret.sha256Hex(token)).ifPresent(this::revoke);
	}

	private void revoke(ActiveToken token) {
		this.service.revoke(token.requireAccountId(), token.personalTokenId());
	}

}
