package dev.latchkey.server.oauth;

import java.util.Set;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;

/**
 * When the authorization code flow shows the consent page. As Spring Authorization Server
 * decides by default (not for a sign-in alone, not for scopes the user granted the app
 * before), except that a request for the token scopes always asks again: those go only to
 * Latchkey's own apps, and granting {@code tokens:write} needs sudo mode, which the consent
 * page is where it is asked for.
 */
final class ConsentRules {

	private ConsentRules() {
	}

	static boolean codeFlowNeedsConsent(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		if (!context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
			return false;
		}
		Set<String> requested = context.getAuthorizationRequest().getScopes();
		if (OAuthScopes.anyFirstPartyOnly(requested)) {
			return true;
		}
		if (requested.size() == 1 && requested.contains(OidcScopes.OPENID)) {
			return false;
		}
		OAuth2AuthorizationConsent previous = context.getAuthorizationConsent();
		return previous == null || !previous.getScopes().containsAll(requested);
	}

}
