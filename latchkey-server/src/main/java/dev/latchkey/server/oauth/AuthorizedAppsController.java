package dev.latchkey.server.oauth;

import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.config.SqlValues;
import dev.latchkey.server.web.RelativeTime;

/**
 * Settings → Authorized OAuth Apps: each app the user granted access, with its scopes and
 * last use; revoking ends every token of that grant and forgets the consent.
 */
@Controller
class AuthorizedAppsController {

	private final JdbcClient jdbc;

	private final OAuth2AuthorizationConsentService consents;

	private final HashedOAuth2AuthorizationService authorizations;

	private final java.time.Clock clock;

	AuthorizedAppsController(JdbcClient jdbc, OAuth2AuthorizationConsentService consents,
			HashedOAuth2AuthorizationService authorizations, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.consents = consents;
		this.authorizations = authorizations;
		this.clock = clock;
	}

	@GetMapping("/settings/applications")
	String list(Principal principal, Model model) {
		Instant now = this.clock.instant();
		List<AuthorizedApp> granted = this.jdbc.sql("""
				SELECT c.registered_client_id, c.authorities, app.name, app.homepage_url,
				       (SELECT MAX(a.last_used_at) FROM oauth2_authorizations a
				        WHERE a.registered_client_id = c.registered_client_id AND a.principal_name = c.principal_name)
				           AS last_used_at
				FROM oauth2_authorization_consent c JOIN oauth_apps app ON app.client_id = c.registered_client_id
				WHERE c.principal_name = ? ORDER BY app.name""")
			.param(principal.getName())
			.query((rs, row) -> {
				Instant lastUsed = SqlValues.instant(rs, "last_used_at");
				List<String> scopes = Arrays.stream(rs.getString("authorities").split(","))
					.map((authority) -> authority.replaceFirst("^SCOPE_", ""))
					.toList();
				return new AuthorizedApp(rs.getString("registered_client_id"), rs.getString("name"),
						rs.getString("homepage_url"), scopes,
						(lastUsed != null) ? "Last used " + RelativeTime.ago(lastUsed, now) : "Never used");
			})
			.list();
		model.addAttribute("apps", granted);
		return "oauth/authorized-apps";
	}

	@PostMapping("/settings/applications/{clientId}/revoke")
	String revoke(Principal principal, @PathVariable String clientId, RedirectAttributes redirect) {
		this.authorizations.removeAllForClientAndPrincipal(clientId, principal.getName());
		OAuth2AuthorizationConsent consent = this.consents.findById(clientId, principal.getName());
		if (consent != null) {
			this.consents.remove(consent);
		}
		redirect.addFlashAttribute("notice", "Access revoked. The app's tokens no longer work.");
		return "redirect:/settings/applications";
	}

}
