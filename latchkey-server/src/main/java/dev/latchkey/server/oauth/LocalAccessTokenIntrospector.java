package dev.latchkey.server.oauth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

import dev.latchkey.client.TokenKind;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.TokenAuthenticator;
import dev.latchkey.server.check.TokenCheck;

/**
 * Checks the bearer token of {@code /userinfo} in process, through the same hot path as the
 * REST API, instead of calling the introspection endpoint over HTTP.
 */
@Component
class LocalAccessTokenIntrospector implements OpaqueTokenIntrospector {

	private final TokenAuthenticator authenticator;

	LocalAccessTokenIntrospector(TokenAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		if (!(this.authenticator.check(token, null) instanceof TokenCheck.Valid valid)
				|| valid.token().kind() != TokenKind.OAUTH_ACCESS) {
			throw new BadOpaqueTokenException("The token is not an active OAuth access token");
		}
		ActiveToken active = valid.token();
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(OAuth2TokenIntrospectionClaimNames.SUB, active.subject());
		attributes.put(OAuth2TokenIntrospectionClaimNames.SCOPE, List.copyOf(active.scopes()));
		attributes.put(OAuth2TokenIntrospectionClaimNames.IAT, active.issuedAt());
		attributes.put(OAuth2TokenIntrospectionClaimNames.EXP, active.expiresAt());
		return new OAuth2IntrospectionAuthenticatedPrincipal(active.subject(), attributes,
				active.scopes().stream().<GrantedAuthority>map((scope) -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList());
	}

}
