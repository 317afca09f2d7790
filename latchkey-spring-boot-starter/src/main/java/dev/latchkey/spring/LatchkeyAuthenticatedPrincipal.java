package dev.latchkey.spring;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import dev.latchkey.client.TokenInfo;

/**
 * The caller of a request, as its Latchkey token says; take it in a controller with
 * {@code @AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller}. Authorities are
 * the token's scopes as {@code SCOPE_name}.
 *
 * @param token what introspection said
 */
public record LatchkeyAuthenticatedPrincipal(TokenInfo token) implements OAuth2AuthenticatedPrincipal {

	@Override
	public String getName() {
		return String.valueOf(this.token.subject());
	}

	@Override
	public Map<String, Object> getAttributes() {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("sub", this.token.subject());
		attributes.put("scope", List.copyOf(this.token.scopes()));
		putIfPresent(attributes, "username", this.token.username());
		putIfPresent(attributes, "client_id", this.token.clientId());
		putIfPresent(attributes, "exp", this.token.expiresAt());
		putIfPresent(attributes, "iat", this.token.issuedAt());
		putIfPresent(attributes, "latchkey_token_kind", this.token.kind());
		if (!this.token.resources().isEmpty()) {
			attributes.put("resources", this.token.resources());
		}
		if (this.token.actor() != null) {
			attributes.put("act", Map.of("sub", this.token.actor()));
		}
		if (!this.token.audience().isEmpty()) {
			attributes.put("aud", List.copyOf(this.token.audience()));
		}
		if (this.token.jkt() != null) {
			// Spring Security's own DPoP check reads the binding from here.
			attributes.put("cnf", Map.of("jkt", this.token.jkt()));
		}
		return attributes;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.token.scopes().stream().map((scope) -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList();
	}

	/** The user the token acts for; absent when an app acts as itself. */
	public @Nullable String username() {
		return this.token.username();
	}

	/** For a sanctioned token, the user who holds it and acts on {@link #username()}'s data. */
	public @Nullable String actor() {
		return this.token.actor();
	}

	public boolean hasScope(String scope) {
		return this.token.hasScope(scope);
	}

	/**
	 * The one check a handler needs for a fine-grained token: one of the accepted scopes, and
	 * the resource within the token's selection, such as
	 * {@code caller.require("notebook", id, "notes:read", "notes:write")}.
	 * @throws LatchkeyAccessDeniedException, answered as {@code 403}, if either is missing
	 */
	public void require(String resourceType, String resourceId, String... acceptedScopes) {
		if (!this.token.permits(resourceType, resourceId, acceptedScopes)) {
			if (this.token.allowsResource(resourceType, resourceId)) {
				throw LatchkeyAccessDeniedException.missingScope(String.join(", ", acceptedScopes));
			}
			throw LatchkeyAccessDeniedException.resourceNotSelected(resourceType);
		}
	}

	/**
	 * For actions on no one resource, such as creating one: the token must not be limited to
	 * selected resources of the type.
	 * @throws LatchkeyAccessDeniedException, answered as {@code 403}, if it is
	 */
	public void requireAll(String resourceType) {
		if (this.token.limits(resourceType)) {
			throw LatchkeyAccessDeniedException.resourceNotSelected(resourceType);
		}
	}

	/** Whether the token's selection, if it has one, includes this resource. */
	public boolean allowsResource(String resourceType, String resourceId) {
		return this.token.allowsResource(resourceType, resourceId);
	}

	private static void putIfPresent(Map<String, Object> attributes, String name, @Nullable Object value) {
		if (value != null) {
			attributes.put(name, value);
		}
	}

}
