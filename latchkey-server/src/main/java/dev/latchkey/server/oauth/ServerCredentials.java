package dev.latchkey.server.oauth;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.stereotype.Component;

import dev.latchkey.client.TokenInfo;
import dev.latchkey.server.resource.PlatformCredentials;

/**
 * The server's own OAuth access token, for calling the platform's APIs as itself (the
 * resource lists of the token picker). It is an ordinary client-credentials token of the
 * built-in client {@value #CLIENT_ID}, issued in process by Spring Authorization Server's own
 * provider, so the platform checks it by introspection like any other token; that client has
 * no secret, so nobody else can get one. Each node keeps its token until shortly before it
 * expires.
 */
@Component
public class ServerCredentials implements PlatformCredentials {

	/** The client id the platform sees in introspection when the server calls it. */
	public static final String CLIENT_ID = TokenInfo.LATCHKEY_SERVER_CLIENT_ID;

	/** Renewed this long before expiry, so a call never carries a token about to lapse. */
	private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

	private final OAuthClientRepository clients;

	private final OAuth2ClientCredentialsAuthenticationProvider issuer;

	private final Clock clock;

	private final AuthorizationServerContext context;

	private volatile @Nullable OAuth2AccessToken current;

	ServerCredentials(OAuthClientRepository clients, HashedOAuth2AuthorizationService authorizations,
			OAuth2TokenGenerator<?> tokenGenerator, AuthorizationServerSettings settings, Clock clock) {
		this.clients = clients;
		// No request carries the issuer here; Latchkey's opaque tokens don't name it anyway.
		String issuer = (settings.getIssuer() != null) ? settings.getIssuer() : "latchkey";
		this.context = new AuthorizationServerContext() {

			@Override
			public String getIssuer() {
				return issuer;
			}

			@Override
			public AuthorizationServerSettings getAuthorizationServerSettings() {
				return settings;
			}

		};
		this.issuer = new OAuth2ClientCredentialsAuthenticationProvider(authorizations, tokenGenerator);
		this.clock = clock;
	}

	/** A live access token of the server's client; issues one when there is none or it is nearly spent. */
	@Override
	public String accessToken() {
		OAuth2AccessToken token = this.current;
		if (token == null || token.getExpiresAt() == null
				|| !this.clock.instant().plus(RENEW_BEFORE).isBefore(token.getExpiresAt())) {
			token = issue();
			this.current = token;
		}
		return token.getTokenValue();
	}

	private synchronized OAuth2AccessToken issue() {
		OAuth2AccessToken fresh = this.current;
		if (fresh != null && fresh.getExpiresAt() != null
				&& this.clock.instant().plus(RENEW_BEFORE).isBefore(fresh.getExpiresAt())) {
			// Another request issued one while this one waited for the lock.
			return fresh;
		}
		RegisteredClient client = this.clients.findByClientId(CLIENT_ID);
		if (client == null) {
			throw new IllegalStateException("The built-in client " + CLIENT_ID + " is missing; check migration V12");
		}
		var principal = new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
				null);
		var request = new OAuth2ClientCredentialsAuthenticationToken(principal, Set.of(), null);
		AuthorizationServerContext outer = AuthorizationServerContextHolder.getContext();
		AuthorizationServerContextHolder.setContext(this.context);
		try {
			var issued = (OAuth2AccessTokenAuthenticationToken) this.issuer.authenticate(request);
			return issued.getAccessToken();
		}
		finally {
			if (outer != null) {
				AuthorizationServerContextHolder.setContext(outer);
			}
			else {
				AuthorizationServerContextHolder.resetContext();
			}
		}
	}

}
