package dev.latchkey.server.oauth;

import java.util.Map;
import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.stereotype.Component;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.TokenAuthenticator;
import dev.latchkey.server.check.TokenCheck;

/**
 * RFC 7662 answers for every Latchkey token: personal access tokens, OAuth access tokens and
 * OAuth refresh tokens. Anything not live — expired, revoked, unknown, malformed — is only
 * {@code {"active": false}}, and so is a live token the caller may not read
 * ({@link IntrospectionRights}): nothing tells it apart from an unknown one (RFC 7662 section 2.2).
 */
@Component
class TokenIntrospector {

	static final String KIND_CLAIM = "latchkey_token_kind";

	/** A fine-grained token's limits: resource type to the ids it may touch. */
	static final String RESOURCES_CLAIM = "resources";

	private static final OAuth2TokenIntrospection INACTIVE = OAuth2TokenIntrospection.builder().build();

	private final TokenFormat format;

	private final TokenAuthenticator authenticator;

	private final HashedOAuth2AuthorizationService authorizations;

	TokenIntrospector(TokenFormat format, TokenAuthenticator authenticator,
			HashedOAuth2AuthorizationService authorizations) {
		this.format = format;
		this.authenticator = authenticator;
		this.authorizations = authorizations;
	}

	OAuth2TokenIntrospection introspect(String token, IntrospectionRights caller) {
		Optional<TokenKind> kind = this.format.parse(token);
		if (kind.isEmpty()) {
			return INACTIVE;
		}
		return switch (kind.get()) {
			case PERSONAL, OAUTH_ACCESS -> accessToken(token, caller);
			case OAUTH_REFRESH -> refreshToken(token, caller);
			case CLIENT_SECRET -> INACTIVE;
		};
	}

	private OAuth2TokenIntrospection accessToken(String token, IntrospectionRights caller) {
		// A token the app may not read is unknown to it, and its probe is no use of the token.
		if (!(this.authenticator.check(token, null,
				(active) -> caller.mayRead(active.clientId(), active.accountId())) instanceof TokenCheck.Valid valid)) {
			return INACTIVE;
		}
		ActiveToken active = valid.token();
		OAuth2TokenIntrospection.Builder claims = OAuth2TokenIntrospection.builder(true)
			.scopes((scopes) -> scopes.addAll(active.scopes()))
			.subject(active.subject())
			.tokenType((active.jkt() != null) ? "DPoP" : "Bearer")
			.issuedAt(active.issuedAt())
			.claim(KIND_CLAIM, (active.kind() == TokenKind.PERSONAL) ? "personal" : "oauth");
		if (active.username() != null) {
			claims.username(active.username());
		}
		if (active.clientId() != null) {
			claims.clientId(active.clientId());
		}
		if (active.expiresAt() != null) {
			claims.expiresAt(active.expiresAt());
		}
		if (!active.resources().isEmpty()) {
			claims.claim(RESOURCES_CLAIM, active.resources());
		}
		if (!active.audience().isEmpty()) {
			claims.audiences((audiences) -> audiences.addAll(active.audience().stream().sorted().toList()));
		}
		if (active.jkt() != null) {
			// RFC 9449 section 6.2: the key the token is bound to, for the API to check each proof against.
			claims.claim("cnf", Map.of("jkt", active.jkt()));
		}
		if (active.actor() != null) {
			// RFC 8693 section 4.1: the token acts for its subject (the owner) through this actor.
			claims.claim("act", Map.of("sub", active.actor()));
		}
		return claims.build();
	}

	private OAuth2TokenIntrospection refreshToken(String token, IntrospectionRights caller) {
		OAuth2Authorization authorization = this.authorizations.findLiveByRefreshToken(token);
		if (authorization == null || authorization.getRefreshToken() == null
				|| !authorization.getRefreshToken().isActive()
				|| !caller.mayReadGrant(authorization.getRegisteredClientId(), authorization.getPrincipalName())) {
			return INACTIVE;
		}
		var refresh = authorization.getRefreshToken().getToken();
		OAuth2TokenIntrospection.Builder claims = OAuth2TokenIntrospection.builder(true)
			.scopes((scopes) -> scopes.addAll(authorization.getAuthorizedScopes()))
			.clientId(authorization.getRegisteredClientId())
			.subject(authorization.getPrincipalName())
			.issuedAt(refresh.getIssuedAt())
			.claim(KIND_CLAIM, "oauth");
		if (refresh.getExpiresAt() != null) {
			claims.expiresAt(refresh.getExpiresAt());
		}
		if (!authorization.getPrincipalName().equals(authorization.getRegisteredClientId())) {
			claims.username(authorization.getPrincipalName());
		}
		return claims.build();
	}

}
