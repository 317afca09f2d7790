package dev.latchkey.spring;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.latchkey.client.IntrospectionUnavailableException;
import dev.latchkey.client.TokenInfo;
import dev.latchkey.client.TokenIntrospector;

/**
 * Spring Security's {@link OpaqueTokenIntrospector} on Latchkey's caching RFC 7662
 * introspector.
 */
public final class LatchkeyOpaqueTokenIntrospector implements OpaqueTokenIntrospector {

	private final TokenIntrospector introspector;

	public LatchkeyOpaqueTokenIntrospector(TokenIntrospector introspector) {
		this.introspector = introspector;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		TokenInfo info;
		try {
			info = this.introspector.introspect(token);
		}
		catch (IntrospectionUnavailableException ex) {
			throw new OAuth2IntrospectionException(ex.getMessage(), ex);
		}
		if (!info.active()) {
			throw new BadOpaqueTokenException("The token is unknown, expired or revoked.");
		}
		return new LatchkeyAuthenticatedPrincipal(info);
	}

}
