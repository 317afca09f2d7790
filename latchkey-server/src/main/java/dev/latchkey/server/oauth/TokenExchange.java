package dev.latchkey.server.oauth;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimNames;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.check.ActiveToken;
import dev.latchkey.server.check.TokenAuthenticator;
import dev.latchkey.server.check.TokenCheck;

/**
 * RFC 8693 token exchange, for an app an admin allows: it trades a user's token (a personal
 * access token or an OAuth access token) for a short-lived OAuth access token that can do no
 * more than the one it came from and is bound to one API. With an actor token, the new token
 * names who acts with it ({@code act}), as a sanctioned token names its delegate. An agent's
 * backend does this before it calls an API for the user, so the API never sees the user's
 * own, wider and longer-lived token.
 * <p>
 * Spring's own provider finds subject tokens only among OAuth grants; personal access tokens
 * live elsewhere, and the token check that the API uses knows both, so this one asks it.
 */
final class TokenExchange implements AuthenticationProvider {

	static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	/** The longest an exchanged token lives: it is for the calls at hand, not for keeping. */
	static final Duration MAX_LIFETIME = Duration.ofHours(1);

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc8693#section-2.2.2";

	private final TokenAuthenticator tokens;

	private final ResourceIndicators resources;

	private final OAuthScopes scopes;

	private final OAuth2AuthorizationService authorizations;

	private final TokenFormat format;

	private final Clock clock;

	private final AuditLog audit;

	TokenExchange(TokenAuthenticator tokens, ResourceIndicators resources, OAuthScopes scopes,
			OAuth2AuthorizationService authorizations, TokenFormat format, Clock clock, AuditLog audit) {
		this.tokens = tokens;
		this.resources = resources;
		this.scopes = scopes;
		this.authorizations = authorizations;
		this.format = format;
		this.clock = clock;
		this.audit = audit;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		var request = (OAuth2TokenExchangeAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken caller = authenticatedClient(request);
		RegisteredClient client = caller.getRegisteredClient();
		if (client == null || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.TOKEN_EXCHANGE)) {
			throw error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "An admin hasn't allowed this app to exchange tokens.");
		}
		if (!ACCESS_TOKEN_TYPE.equals(request.getRequestedTokenType())) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "Only access tokens are issued: requested_token_type "
					+ ACCESS_TOKEN_TYPE + ".");
		}
		ActiveToken subject = live(request.getSubjectToken(), request.getSubjectTokenType(), "subject");
		if (subject.accountId() == null || subject.username() == null) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT, "The subject token acts for no user.");
		}
		if (!subject.resources().isEmpty() || subject.actor() != null) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT,
					"A fine-grained, sanctioned or exchanged token can't be exchanged: its limits would not carry over.");
		}
		Set<String> granted = narrowedScopes(request.getScopes(), subject.scopes());
		Set<String> audience = narrowedAudience(request, subject);
		String actor = (request.getActorToken() != null)
				? live(request.getActorToken(), request.getActorTokenType(), "actor").subject() : null;

		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = expiry(now, client, subject);
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(OAuth2TokenClaimNames.AUD, new ArrayList<>(audience));
		if (actor != null) {
			// RFC 8693 section 4.1: the user is the subject; the actor acts for them.
			claims.put("act", new LinkedHashMap<>(Map.of("sub", actor)));
		}
		// A plain access token, its claims in its metadata: the grant keeps tokens by their exact class.
		var token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, this.format.generate(TokenKind.OAUTH_ACCESS),
				now, expiresAt, granted);
		OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(client)
			.principalName(subject.username())
			.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
			.authorizedScopes(granted)
			.attribute(Principal.class.getName(),
					UsernamePasswordAuthenticationToken.authenticated(subject.username(), null, List.of()))
			.attribute(AuthorizationRows.ACCOUNT_ID, subject.accountId())
			.token(token, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims))
			.build();
		this.authorizations.save(authorization);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("client_id", client.getClientId());
		details.put("scopes", String.join(" ", granted));
		details.put("resource", String.join(" ", audience));
		if (actor != null) {
			details.put("actor", actor);
		}
		this.audit.record(SecurityAction.OAUTH_TOKEN_EXCHANGED, subject.accountId(),
				(subject.kind() == TokenKind.PERSONAL) ? subject.personalTokenId() : null, details);
		return new OAuth2AccessTokenAuthenticationToken(client, caller, token, null,
				Map.of("issued_token_type", ACCESS_TOKEN_TYPE));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenExchangeAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static OAuth2ClientAuthenticationToken authenticatedClient(Authentication request) {
		if (request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()) {
			return client;
		}
		throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
	}

	/** A token the API would accept now: a personal or OAuth access token, live, of a user not suspended. */
	private ActiveToken live(String token, @Nullable String type, String which) {
		if (!ACCESS_TOKEN_TYPE.equals(type)) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "The " + which + " token must be an access token: "
					+ which + "_token_type " + ACCESS_TOKEN_TYPE + ".");
		}
		if (this.tokens.check(token, null) instanceof TokenCheck.Valid valid) {
			return valid.token();
		}
		throw error(OAuth2ErrorCodes.INVALID_GRANT, "The " + which + " token is unknown, expired or revoked.");
	}

	/** The scopes asked for, or all the subject's that an app may hold; never more than the subject's. */
	private Set<String> narrowedScopes(Set<String> asked, Set<String> subjects) {
		List<String> thirdParty = this.scopes.thirdPartyNames();
		Set<String> granted = new LinkedHashSet<>(asked.isEmpty() ? subjects : asked);
		if (asked.isEmpty()) {
			granted.retainAll(thirdParty);
		}
		if (granted.isEmpty() || !subjects.containsAll(granted) || !thirdParty.containsAll(granted)) {
			throw error(OAuth2ErrorCodes.INVALID_SCOPE,
					"The new token may have only scopes the subject token has, and never the token or admin scopes.");
		}
		return granted;
	}

	/** The APIs named ({@code resource} or {@code audience}), known here and within the subject's own audience. */
	private Set<String> narrowedAudience(OAuth2TokenExchangeAuthenticationToken request, ActiveToken subject) {
		Set<String> audience = new LinkedHashSet<>(request.getResources());
		audience.addAll(request.getAudiences());
		if (audience.isEmpty()) {
			throw error("invalid_target", "Name the API the new token is for with resource.");
		}
		this.resources.requireKnown(audience);
		if (!subject.audience().isEmpty() && !subject.audience().containsAll(audience)) {
			throw error("invalid_target", "The subject token isn't for all of these APIs.");
		}
		return audience;
	}

	/** An hour at most, the app's token lifetime at most, and never past the subject token's own end. */
	private static Instant expiry(Instant now, RegisteredClient client, ActiveToken subject) {
		Duration lifetime = client.getTokenSettings().getAccessTokenTimeToLive();
		Instant expiresAt = now.plus(lifetime.compareTo(MAX_LIFETIME) < 0 ? lifetime : MAX_LIFETIME);
		return (subject.expiresAt() != null && subject.expiresAt().isBefore(expiresAt)) ? subject.expiresAt() : expiresAt;
	}

	private static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, ERROR_URI));
	}

}
