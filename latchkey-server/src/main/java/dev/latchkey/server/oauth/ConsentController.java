package dev.latchkey.server.oauth;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
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

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SudoMode;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.web.ContentSecurityPolicy;

/**
 * The consent page Spring Authorization Server sends users to: the app's name, owner and
 * homepage, each requested scope with its description, and where the browser goes next (the
 * app's callback, or for a device its code and a warning). Granting {@code tokens:write}
 * asks for sudo mode first.
 */
@Controller
class ConsentController {

	private final OAuthAppStore apps;

	private final OAuthClientRepository clients;

	private final OAuthScopes scopes;

	private final OAuth2AuthorizationConsentService consents;

	private final HashedOAuth2AuthorizationService authorizations;

	private final AccountStore accounts;

	private final SudoMode sudoMode;

	ConsentController(OAuthAppStore apps, OAuthClientRepository clients, OAuthScopes scopes,
			OAuth2AuthorizationConsentService consents, HashedOAuth2AuthorizationService authorizations,
			AccountStore accounts, SudoMode sudoMode) {
		this.apps = apps;
		this.clients = clients;
		this.scopes = scopes;
		this.consents = consents;
		this.authorizations = authorizations;
		this.accounts = accounts;
		this.sudoMode = sudoMode;
	}

	@GetMapping("/oauth2/consent")
	String consent(Principal principal, @RequestParam(name = "client_id") String clientId, @RequestParam String state,
			@RequestParam(name = "user_code", required = false) @Nullable String userCode, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		// Through the clients, so that the app of a suspended owner is refused here too.
		OAuthApp app = Optional.ofNullable(this.clients.findByClientId(clientId))
			.flatMap((client) -> this.apps.findByClientId(clientId))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
		// What is asked for comes from the pending authorization, not from the page's address.
		OAuth2Authorization authorization = this.authorizations.findByToken(state, TokenSlot.STATE);
		if (authorization == null || !clientId.equals(authorization.getRegisteredClientId())
				|| !principal.getName().equals(authorization.getPrincipalName())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		Set<String> requested = ConsentGuard.requestedScopes(authorization);
		if (requested.contains(ScopeCatalogue.TOKENS_WRITE) && !this.sudoMode.isActive(request.getSession())) {
			return "redirect:" + SudoMode.confirmUrl(request.getServletPath() + "?" + request.getQueryString());
		}
		OAuth2AuthorizationConsent previous = this.consents.findById(clientId, principal.getName());
		Set<String> approved = (previous != null) ? previous.getScopes() : Set.of();
		List<ScopeChoice> toApprove = new ArrayList<>();
		List<ScopeChoice> alreadyApproved = new ArrayList<>();
		for (String scope : this.scopes.names()) {
			if (requested.contains(scope) && !OidcScopes.OPENID.equals(scope)) {
				ScopeChoice choice = new ScopeChoice(scope, this.scopes.describe(scope));
				(approved.contains(scope) ? alreadyApproved : toApprove).add(choice);
			}
		}
		model.addAttribute("app", app);
		model.addAttribute("owner", app.builtIn() ? "Latchkey"
				: (app.ownerAccountId() == null) ? null
						: this.accounts.findById(app.ownerAccountId()).map(Account::username).orElse("a former user"));
		model.addAttribute("clientId", clientId);
		model.addAttribute("documentHost",
				ClientMetadataDocuments.isUrl(clientId) ? URI.create(clientId).getHost() : null);
		model.addAttribute("state", state);
		model.addAttribute("userCode", userCode);
		model.addAttribute("openid", requested.contains(OidcScopes.OPENID));
		model.addAttribute("scopes", toApprove);
		model.addAttribute("approvedScopes", alreadyApproved);
		if (userCode == null) {
			String redirectUri = redirectUri(authorization);
			model.addAttribute("redirectHost", (redirectUri != null) ? URI.create(redirectUri).getHost() : null);
			response.setHeader(ContentSecurityPolicy.HEADER, ContentSecurityPolicy
				.allowingRedirectsTo((redirectUri != null) ? List.of(redirectUri) : app.redirectUris()));
		}
		model.addAttribute("action", (userCode != null) ? ConsentGuard.DEVICE_VERIFICATION : "/oauth2/authorize");
		return "oauth/consent";
	}

	/** Where the browser goes after the form; the answer to the form redirects there. */
	private static @Nullable String redirectUri(OAuth2Authorization authorization) {
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		return (request != null) ? request.getRedirectUri() : null;
	}

}
