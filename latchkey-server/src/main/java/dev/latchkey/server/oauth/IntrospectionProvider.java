package dev.latchkey.server.oauth;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * The introspection endpoint's provider, in place of Spring Authorization Server's, so one
 * endpoint answers for personal access tokens and OAuth tokens alike, each within the
 * calling app's rights.
 */
final class IntrospectionProvider implements AuthenticationProvider {

	private final TokenIntrospector introspector;

	IntrospectionProvider(TokenIntrospector introspector) {
		this.introspector = introspector;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenIntrospectionAuthenticationToken request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		return new OAuth2TokenIntrospectionAuthenticationToken(request.getToken(), client,
				this.introspector.introspect(request.getToken(), IntrospectionRights.of(client.getRegisteredClient())));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
