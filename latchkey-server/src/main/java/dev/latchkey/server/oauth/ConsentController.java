package dev.latchkey.server.oauth;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import dev.latchkey.server.web.ContentSecurityPolicy;

/**
 * The consent page Spring Authorization Server sends users to: the app's name and homepage,
 * each requested scope with its description, and where the browser goes next.
 */
@Controller
class ConsentController {

	private final OAuthAppStore apps;

	private final OAuthClientRepository clients;

	private final OAuthScopes scopes;

	private final OAuth2AuthorizationConsentService consents;

	private final HashedOAuth2AuthorizationService authorizations;

	ConsentController(OAuthAppStore apps, OAuthClientRepository clients, OAuthScopes scopes, OAuth2AuthorizationConsentService consents,
			HashedOAuth2AuthorizationService authorizations) {
		this.apps = apps;
		this.clients = clients;
		this.scopes = scopes;
		this.consents = consents;
		this.authorizations = authorizations;
	}

	@GetMapping("/oauth2/consent")
	String consent(Principal principal, @RequestParam(name = "client_id") String clientId,
			@RequestParam(defaultValue = "") String scope, @RequestParam String state,
			@RequestParam(name = "user_code", required = false) @Nullable String userCode, Model model,
			HttpServletResponse response) {
		// Through the clients, so that the app of a suspended owner is refused here too.
		OAuthApp app = Optional.ofNullable(this.clients.findByClientId(clientId))
			.flatMap((client) -> this.apps.findByClientId(clientId))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
		OAuth2AuthorizationConsent previous = this.consents.findById(clientId, principal.getName());
		Set<String> approved = (previous != null) ? previous.getScopes() : Set.of();
		List<ScopeChoice> toApprove = new ArrayList<>();
		List<ScopeChoice> alreadyApproved = new ArrayList<>();
		for (String requested : new LinkedHashSet<>(Arrays.asList(scope.split(" ")))) {
			if (requested.isBlank() || OidcScopes.OPENID.equals(requested)) {
				continue;
			}
			ScopeChoice choice = new ScopeChoice(requested, this.scopes.describe(requested));
			(approved.contains(requested) ? alreadyApproved : toApprove).add(choice);
		}
		model.addAttribute("app", app);
		model.addAttribute("clientId", clientId);
		model.addAttribute("state", state);
		model.addAttribute("userCode", userCode);
		model.addAttribute("openid", scope.contains(OidcScopes.OPENID));
		model.addAttribute("scopes", toApprove);
		model.addAttribute("approvedScopes", alreadyApproved);
		if (userCode == null) {
			String redirectUri = redirectUri(state);
			model.addAttribute("redirectHost", (redirectUri != null) ? URI.create(redirectUri).getHost() : null);
			response.setHeader(ContentSecurityPolicy.HEADER, ContentSecurityPolicy
				.allowingRedirectsTo((redirectUri != null) ? List.of(redirectUri) : app.redirectUris()));
		}
		model.addAttribute("action", (userCode != null) ? "/device" : "/oauth2/authorize");
		return "oauth/consent";
	}

	/** Where the browser goes after the form; the answer to the form redirects there. */
	private @Nullable String redirectUri(String state) {
		OAuth2Authorization authorization = this.authorizations.findByToken(state, TokenSlot.STATE);
		if (authorization == null) {
			return null;
		}
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		return (request != null) ? request.getRedirectUri() : null;
	}

}
