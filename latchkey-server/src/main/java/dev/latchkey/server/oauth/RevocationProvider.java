package dev.latchkey.server.oauth;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;

/**
 * The revocation endpoint's provider: OAuth tokens go to Spring Authorization Server's own
 * provider; a personal access token is revoked when the authenticated client is an app of
 * the token's owner. Any other token is left alone with the same {@code 200}, as RFC 7009
 * says, so the answer never tells whether a token exists.
 */
final class RevocationProvider implements AuthenticationProvider {

	private final TokenFormat format;

	private final PersonalTokenRevoker personalTokens;

	private final OAuth2TokenRevocationAuthenticationProvider oauthTokens;

	RevocationProvider(TokenFormat format, PersonalTokenRevoker personalTokens,
			HashedOAuth2AuthorizationService authorizations) {
		this.format = format;
		this.personalTokens = personalTokens;
		this.oauthTokens = new OAuth2TokenRevocationAuthenticationProvider(authorizations);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		Optional<TokenKind> kind = this.format.parse(request.getToken());
		if (kind.isPresent() && kind.get() == TokenKind.PERSONAL) {
			this.personalTokens.revokeIfOwnedByAppOwner(request.getToken(), client.getRegisteredClient().getClientId());
			return request;
		}
		return this.oauthTokens.authenticate(authentication);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
