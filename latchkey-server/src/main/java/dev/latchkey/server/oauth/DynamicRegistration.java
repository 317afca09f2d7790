package dev.latchkey.server.oauth;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponseType;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;

import dev.latchkey.server.web.NoStore;

/**
 * RFC 7591 dynamic client registration, as an AI agent or any MCP client needs it: an app
 * nobody registered by hand registers itself and goes on to the authorization code flow.
 * <p>
 * What it may become is narrow on purpose. It is a public client, so it holds no secret and
 * must use PKCE; its callbacks are {@code https}, or {@code http} on the user's own machine;
 * it gets the authorization code grant (and refresh tokens) only, the scopes any third-party
 * app may ask for (never {@code tokens:*} or {@code admin}), and a consent page that says it
 * registered itself. Where a request asks for more, the answer says what was registered
 * instead, as RFC 7591 section 3.2.1 allows; only what can't be met at all is refused.
 * Registrations are counted per address before they get here, and admins can turn the door off.
 */
final class DynamicRegistration implements AuthenticationProvider {

	private static final int MAX_NAME = 100;

	private static final String INVALID_REDIRECT_URI = "invalid_redirect_uri";

	private static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2";

	private static final OAuth2ErrorHttpMessageConverter ERRORS = new OAuth2ErrorHttpMessageConverter();

	private final OAuthAppService apps;

	private final ClientRegistrationSettings settings;

	private final OAuthScopes scopes;

	DynamicRegistration(OAuthAppService apps, ClientRegistrationSettings settings, OAuthScopes scopes) {
		this.apps = apps;
		this.settings = settings;
		this.scopes = scopes;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		var request = (OAuth2ClientRegistrationAuthenticationToken) authentication;
		if (!this.settings.current().open()) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
					"Apps can't register themselves here: an admin turned dynamic client registration off.", null));
		}
		OAuth2ClientRegistration asked = request.getClientRegistration();
		List<String> callbacks = callbacks(asked.getRedirectUris());
		checkGrants(asked.getGrantTypes(), asked.getResponseTypes());
		String name = name(asked.getClientName(), callbacks.get(0));
		OAuthApp app = this.apps.registerDynamically(name, homepage(asked.getClaimAsString("client_uri"), callbacks.get(0)), callbacks);
		OAuth2ClientRegistration registered = OAuth2ClientRegistration.builder()
			.clientId(app.clientId())
			.clientIdIssuedAt(app.createdAt())
			.clientName(app.name())
			.redirectUris((uris) -> uris.addAll(app.redirectUris()))
			.grantType(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())
			.grantType(AuthorizationGrantType.REFRESH_TOKEN.getValue())
			.responseType(OAuth2AuthorizationResponseType.CODE.getValue())
			.tokenEndpointAuthenticationMethod(ClientAuthenticationMethod.NONE.getValue())
			.scopes((granted) -> granted.addAll(grantable(asked.getScopes())))
			.build();
		return new OAuth2ClientRegistrationAuthenticationToken((Authentication) request.getPrincipal(), registered);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientRegistrationAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** One to ten callbacks, each {@code https} or loopback {@code http}: never a plain {@code http} host elsewhere. */
	private static List<String> callbacks(@Nullable List<String> asked) {
		if (asked == null || asked.isEmpty() || asked.size() > OAuthAppService.MAX_CALLBACKS) {
			throw error(INVALID_REDIRECT_URI,
					"Register one to " + OAuthAppService.MAX_CALLBACKS + " redirect_uris.");
		}
		for (String callback : asked) {
			if (!CallbackUrls.isDynamicCallback(callback)) {
				throw error(INVALID_REDIRECT_URI, "A redirect URI must use https, or http on 127.0.0.1, [::1] or "
						+ "localhost, and have no fragment: " + shortened(callback));
			}
		}
		return List.copyOf(new LinkedHashSet<>(asked));
	}

	/** The authorization code grant, with refresh tokens; a request that can use neither is refused. */
	private static void checkGrants(@Nullable List<String> grantTypes, @Nullable List<String> responseTypes) {
		if (grantTypes != null && !grantTypes.isEmpty()
				&& !grantTypes.contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())) {
			throw error(INVALID_CLIENT_METADATA,
					"Apps that register themselves use the authorization_code grant (with PKCE) only.");
		}
		if (responseTypes != null && !responseTypes.isEmpty()
				&& !responseTypes.contains(OAuth2AuthorizationResponseType.CODE.getValue())) {
			throw error(INVALID_CLIENT_METADATA, "The only response type is code.");
		}
	}

	private List<String> grantable(@Nullable List<String> asked) {
		List<String> allowed = this.scopes.thirdPartyNames();
		if (asked == null || asked.isEmpty()) {
			return allowed;
		}
		Set<String> kept = new LinkedHashSet<>(asked);
		kept.retainAll(allowed);
		return new ArrayList<>(kept.isEmpty() ? allowed : kept);
	}

	/** Its name, or its callback's host: a consent page always has something to show. */
	private static String name(@Nullable String asked, String callback) {
		String name = (asked == null || asked.isBlank()) ? URI.create(callback).getHost() : asked.strip();
		return (name.length() > MAX_NAME) ? name.substring(0, MAX_NAME) : name;
	}

	/** Its homepage if it is a web address, or its callback's origin. */
	private static String homepage(@Nullable String clientUri, String callback) {
		if (clientUri != null && CallbackUrls.isDynamicCallback(clientUri)) {
			return clientUri;
		}
		URI uri = URI.create(callback);
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	/** RFC 7591's error answers: {@code 403} when the door is closed, {@code 400} for what was asked. */
	static void writeError(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		OAuth2Error error = ((OAuth2AuthenticationException) exception).getError();
		ServletServerHttpResponse http = new ServletServerHttpResponse(response);
		http.setStatusCode(OAuth2ErrorCodes.ACCESS_DENIED.equals(error.getErrorCode()) ? HttpStatus.FORBIDDEN
				: HttpStatus.BAD_REQUEST);
		NoStore.on(response);
		ERRORS.write(error, null, http);
	}

	private static String shortened(String value) {
		return (value.length() > 200) ? value.substring(0, 200) + "…" : value;
	}

	private static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, ERROR_URI));
	}

}
