package dev.latchkey.server.oauth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.scope.ScopeDefinition;

/**
 * The scopes an OAuth App may ask for: OpenID Connect's, then the catalogue's, less
 * {@code admin}, which only a personal access token of an admin can carry.
 */
@Component
class OAuthScopes {

	private final Map<String, String> descriptions = new LinkedHashMap<>();

	OAuthScopes(ScopeCatalogue catalogue) {
		this.descriptions.put(OidcScopes.OPENID, "Sign you in with your Latchkey account");
		this.descriptions.put(OidcScopes.PROFILE, "Know your username");
		this.descriptions.put(OidcScopes.EMAIL, "Know your email address");
		for (ScopeDefinition scope : catalogue.grantableBy(false)) {
			this.descriptions.put(scope.name(), scope.description());
		}
	}

	List<String> names() {
		return new ArrayList<>(this.descriptions.keySet());
	}

	String describe(String scope) {
		return this.descriptions.getOrDefault(scope, scope);
	}

}
