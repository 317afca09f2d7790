package dev.latchkey.server.oauth;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimNames;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;

/**
 * OAuth tokens in Latchkey's format, so secret scanners and the hot path's offline checksum
 * work for them as for personal access tokens: access tokens {@code lko_…}, refresh tokens
 * {@code lkr_…}.
 */
final class LatchkeyTokenGenerators {

	private LatchkeyTokenGenerators() {
	}

	/** Opaque access tokens, bound to the APIs the grant names (RFC 8707) and to a DPoP key when the client proved one (RFC 9449). */
	record AccessTokens(TokenFormat format, Clock clock, ResourceIndicators resources)
			implements OAuth2TokenGenerator<OAuth2AccessToken> {

		@Override
		public @Nullable OAuth2AccessToken generate(OAuth2TokenContext context) {
			if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				return null;
			}
			Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
			Instant expiresAt = issuedAt.plus(context.getRegisteredClient().getTokenSettings().getAccessTokenTimeToLive());
			Set<String> audience = this.resources.audience(context);
			String jkt = DPoPKeys.thumbprint(context.get(OAuth2TokenContext.DPOP_PROOF_KEY));
			String value = this.format.generate(TokenKind.OAUTH_ACCESS);
			if (audience.isEmpty() && jkt == null) {
				return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, issuedAt, expiresAt,
						context.getAuthorizedScopes());
			}
			Map<String, Object> claims = new LinkedHashMap<>();
			if (!audience.isEmpty()) {
				claims.put(OAuth2TokenClaimNames.AUD, new ArrayList<>(audience));
			}
			if (jkt != null) {
				// RFC 9449 section 6: the token works only with proofs signed by this key.
				claims.put("cnf", new LinkedHashMap<>(Map.of("jkt", jkt)));
			}
			return new BoundAccessToken(value, issuedAt, expiresAt, context.getAuthorizedScopes(), claims);
		}

	}

	/**
	 * An access token with claims of its own: the authorization server keeps them in the
	 * token's metadata, where the store finds its audience.
	 */
	static final class BoundAccessToken extends OAuth2AccessToken implements ClaimAccessor {

		private static final long serialVersionUID = 1L;

		private final Map<String, Object> claims;

		BoundAccessToken(String value, Instant issuedAt, Instant expiresAt, Set<String> scopes,
				Map<String, Object> claims) {
			super(TokenType.BEARER, value, issuedAt, expiresAt, scopes);
			// A type Spring Security's JSON allows, as the store writes the claims with its Jackson modules.
			this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
		}

		@Override
		public Map<String, Object> getClaims() {
			return this.claims;
		}

	}

	/** Refresh tokens, rotated on every use. */
	record RefreshTokens(TokenFormat format, Clock clock) implements OAuth2TokenGenerator<OAuth2RefreshToken> {

		@Override
		public @Nullable OAuth2RefreshToken generate(OAuth2TokenContext context) {
			if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType()) || isPublicClientWithCode(context)) {
				return null;
			}
			Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
			Instant expiresAt = issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
			return new OAuth2RefreshToken(this.format.generate(TokenKind.OAUTH_REFRESH), issuedAt, expiresAt);
		}

		/**
		 * A browser-based public client can't keep a refresh token safe, so, as Spring
		 * Authorization Server does, it gets none from the authorization code grant.
		 */
		private static boolean isPublicClientWithCode(OAuth2TokenContext context) {
			return AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())
					&& context.getAuthorizationGrant() != null
					&& context.getAuthorizationGrant().getPrincipal() instanceof OAuth2ClientAuthenticationToken client
					&& ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod());
		}

	}

}
