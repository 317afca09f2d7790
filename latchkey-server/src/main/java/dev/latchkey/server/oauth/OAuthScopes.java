package dev.latchkey.server.oauth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.scope.ScopeDefinition;

/**
 * The scopes an OAuth App may ask for: OpenID Connect's, then the catalogue's, less
 * {@code admin}, which only a personal access token of an admin can carry. The token scopes
 * are for Latchkey's own apps (the CLI) alone: a third-party app holding {@code tokens:write}
 * could mint personal access tokens that outlive the user's revoking the app.
 */
@Component
class OAuthScopes {

	private static final Set<String> FIRST_PARTY_ONLY = Set.of(ScopeCatalogue.TOKENS_READ, ScopeCatalogue.TOKENS_WRITE);

	private final Map<String, String> descriptions = new LinkedHashMap<>();

	OAuthScopes(ScopeCatalogue catalogue) {
		this.descriptions.put(OidcScopes.OPENID, "Sign you in with your Latchkey account");
		this.descriptions.put(OidcScopes.PROFILE, "Know your username");
		this.descriptions.put(OidcScopes.EMAIL, "Know your email address");
		for (ScopeDefinition scope : catalogue.grantableBy(false)) {
			this.descriptions.put(scope.name(), scope.description());
		}
	}

	/** Every scope some app may ask for, as the metadata lists them. */
	List<String> names() {
		return new ArrayList<>(this.descriptions.keySet());
	}

	/** The scopes a third-party app may ask for. */
	List<String> thirdPartyNames() {
		return this.descriptions.keySet().stream().filter((name) -> !FIRST_PARTY_ONLY.contains(name)).toList();
	}

	/** Whether any of these scopes manages the user's tokens, which only Latchkey's own apps may. */
	static boolean anyFirstPartyOnly(Collection<String> scopes) {
		return scopes.stream().anyMatch(FIRST_PARTY_ONLY::contains);
	}

	String describe(String scope) {
		return this.descriptions.getOrDefault(scope, scope);
	}

}
