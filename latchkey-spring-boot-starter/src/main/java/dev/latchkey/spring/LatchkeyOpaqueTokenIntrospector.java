package dev.latchkey.spring;

import org.jspecify.annotations.Nullable;

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

	private final @Nullable String resource;

	public LatchkeyOpaqueTokenIntrospector(TokenIntrospector introspector) {
		this(introspector, null);
	}

	/**
	 * @param resource this API's resource identifier: a token bound to other APIs (RFC 8707) is
	 * refused; {@code null} to accept any live token
	 */
	public LatchkeyOpaqueTokenIntrospector(TokenIntrospector introspector, @Nullable String resource) {
		this.introspector = introspector;
		this.resource = resource;
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
		if (this.resource != null && !info.acceptedBy(this.resource)) {
			// Meant for another API: accepting it here would let that API replay what it was given.
			throw new BadOpaqueTokenException("The token is for another API: its audience doesn't include this one.");
		}
		return new LatchkeyAuthenticatedPrincipal(info);
	}

}
