package dev.latchkey.server.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.stereotype.Component;

import dev.latchkey.server.api.ApiResource;
import dev.latchkey.server.config.Issuer;
import dev.latchkey.server.token.Apis;

/**
 * RFC 8707 resource indicators: an app names the API it wants a token for ({@code resource}),
 * and the token is bound to it, so that API can tell a token meant for it from one meant for
 * another, and no API can replay a token it was given at a second one. The APIs there are:
 * Latchkey's own REST API ({@code <issuer>/api}) and each app an admin marked as a resource
 * server with the URL of its API. Anything else is {@code invalid_target}.
 */
@Component
class ResourceIndicators implements Apis {

	static final String PARAMETER = "resource";

	/** Where the device flow keeps the resources asked for, which Spring's authorization request doesn't hold. */
	static final String ATTRIBUTE = "latchkey.resource";

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc8707#section-2";

	private final OAuthAppStore apps;

	private final Issuer issuer;

	ResourceIndicators(OAuthAppStore apps, Issuer issuer) {
		this.apps = apps;
		this.issuer = issuer;
	}

	/** Whether tokens may be bound to this API: Latchkey's own, as this request's issuer names it, or a registered one. */
	@Override
	public boolean known(String resource) {
		String current = this.issuer.current();
		return isIdentifier(resource) && ((current != null && resource.equals(ApiResource.identifier(current)))
				|| this.apps.isResourceUrl(resource));
	}

	/** The authorization endpoint's check: every resource named is an API here. */
	void validate(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Set<String> requested = requested(request.getAdditionalParameters());
		String unknown = firstUnknown(requested);
		if (unknown != null) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(invalidTarget(unknown), request);
		}
	}

	/** The token endpoint's and the device endpoint's check, as an OAuth error. */
	void requireKnown(Set<String> resources) {
		String unknown = firstUnknown(resources);
		if (unknown != null) {
			throw new OAuth2AuthenticationException(invalidTarget(unknown));
		}
	}

	/**
	 * The audience of an access token being issued: the resources the token request names,
	 * which must be among those the user authorized when the authorization named any; otherwise
	 * those it authorized. Empty when neither names one: a token for any API, as before RFC 8707.
	 */
	Set<String> audience(OAuth2TokenContext context) {
		Set<String> authorized = authorized(context.getAuthorization());
		Set<String> asked = (context.getAuthorizationGrant() instanceof OAuth2AuthorizationGrantAuthenticationToken grant)
				? requested(grant.getAdditionalParameters()) : Set.of();
		if (asked.isEmpty()) {
			requireKnown(authorized);
			return authorized;
		}
		if (!authorized.isEmpty() && !authorized.containsAll(asked)) {
			String wider = asked.stream().filter((resource) -> !authorized.contains(resource)).findFirst().orElseThrow();
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_target",
					"The grant doesn't cover the resource " + wider + ".", ERROR_URI));
		}
		requireKnown(asked);
		return asked;
	}

	/** The resources an authorization was given for, at the authorization or device endpoint. */
	static Set<String> authorized(@Nullable OAuth2Authorization authorization) {
		if (authorization == null) {
			return Set.of();
		}
		if (authorization.getAttribute(ATTRIBUTE) instanceof String spaceSeparated && !spaceSeparated.isBlank()) {
			return Set.of(spaceSeparated.split(" "));
		}
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		return (request != null) ? requested(request.getAdditionalParameters()) : Set.of();
	}

	/** The {@code resource} parameters of a request, once each, in their order. */
	static Set<String> requested(Map<String, Object> parameters) {
		Object value = parameters.get(PARAMETER);
		Set<String> resources = new LinkedHashSet<>();
		if (value instanceof String one) {
			resources.add(one);
		}
		else if (value instanceof String[] several) {
			resources.addAll(Arrays.asList(several));
		}
		return resources;
	}

	private @Nullable String firstUnknown(Set<String> resources) {
		return resources.stream().filter((resource) -> !known(resource)).findFirst().orElse(null);
	}

	/** RFC 8707 section 2: an absolute URI without a fragment. */
	private static boolean isIdentifier(String resource) {
		try {
			URI uri = new URI(resource);
			return uri.isAbsolute() && uri.getFragment() == null && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static OAuth2Error invalidTarget(String resource) {
		String shown = (resource.length() > 200) ? resource.substring(0, 200) + "…" : resource;
		return new OAuth2Error("invalid_target", "Unknown resource: " + shown
				+ ". Ask for Latchkey's API or an API registered here as a resource server.", ERROR_URI);
	}


}
