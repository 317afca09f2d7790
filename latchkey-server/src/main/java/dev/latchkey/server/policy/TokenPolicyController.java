package dev.latchkey.server.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.scope.ScopeCatalogue;
import dev.latchkey.server.web.FormErrors;

/**
 * {@code /admin/policy}: the token policy form (admins only, see the page security).
 */
@Controller
class TokenPolicyController {

	private static final int VIOLATIONS_SHOWN = 200;

	private final TokenPolicyService policies;

	private final ScopeCatalogue scopes;

	private final PolicyEnforcement enforcement;

	TokenPolicyController(TokenPolicyService policies, ScopeCatalogue scopes, PolicyEnforcement enforcement) {
		this.policies = policies;
		this.scopes = scopes;
		this.enforcement = enforcement;
	}

	@GetMapping("/admin/policy")
	String show(Model model) {
		return form(PolicyForm.of(this.policies.current()), model);
	}

	@PostMapping("/admin/policy")
	String save(@ModelAttribute PolicyForm form, Model model, RedirectAttributes redirect) {
		try {
			this.policies.update(form.toPolicy());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return form(form, model);
		}
		redirect.addFlashAttribute("notice", "Saved the token policy. Tokens that break it stop working now, and "
				+ "their owners are mailed; see which below.");
		return "redirect:/admin/policy";
	}

	private String form(PolicyForm form, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("scopes", this.scopes.all());
		model.addAttribute("violations", this.enforcement.violations(VIOLATIONS_SHOWN));
		return "admin/policy";
	}

	/**
	 * The policy form's fields.
	 *
	 * @param maxLifetimeDays days, blank for no limit
	 * @param expirationRequired ticked to require an expiration
	 * @param limitScopes ticked to allow only the ticked scopes
	 * @param allowedScopes the ticked scopes
	 * @param adminsOnly ticked to keep personal tokens for admins
	 * @param maxTokensPerUser a number, blank for no limit
	 * @param maxSanctionedLifetimeDays days, blank for no limit
	 * @param revokeUnusedAfterDays days, blank never to revoke unused tokens
	 */
	record PolicyForm(@Nullable Integer maxLifetimeDays, @Nullable Boolean expirationRequired,
			@Nullable Boolean limitScopes, @Nullable List<String> allowedScopes, @Nullable Boolean adminsOnly,
			@Nullable Integer maxTokensPerUser, @Nullable Integer maxSanctionedLifetimeDays,
			@Nullable Integer revokeUnusedAfterDays) {

		static PolicyForm of(TokenPolicy policy) {
			return new PolicyForm(policy.maxLifetimeDays(), policy.expirationRequired(), policy.allowedScopes() != null,
					policy.allowedScopes(), policy.adminsOnly(), policy.maxTokensPerUser(),
					policy.maxSanctionedLifetimeDays(), policy.revokeUnusedAfterDays());
		}

		TokenPolicy toPolicy() {
			// An unticked checkbox sends nothing at all.
			List<String> allowed = Boolean.TRUE.equals(this.limitScopes)
					? ((this.allowedScopes != null) ? this.allowedScopes : List.of()) : null;
			return new TokenPolicy(this.maxLifetimeDays, Boolean.TRUE.equals(this.expirationRequired), allowed,
					Boolean.TRUE.equals(this.adminsOnly), this.maxTokensPerUser, this.maxSanctionedLifetimeDays,
					this.revokeUnusedAfterDays);
		}

		public boolean allows(String scope) {
			return this.allowedScopes != null && this.allowedScopes.contains(scope);
		}

	}

}
