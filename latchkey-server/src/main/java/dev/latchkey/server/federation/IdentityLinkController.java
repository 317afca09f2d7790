package dev.latchkey.server.federation;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.AccountsProperties;
import dev.latchkey.server.account.Passkeys;
import dev.latchkey.server.account.SudoRequired;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.input.NotFoundException;
import dev.latchkey.server.web.SignedInUser;

/**
 * Linking an account to an identity at a provider, by its signed-in owner (never by a matching
 * email), and unlinking it while another way to sign in remains. Both need sudo mode.
 */
@Controller
class IdentityLinkController {

	/** The session's note that the owner went to a provider to link, naming the account. */
	static final String LINKING = IdentityLinkController.class.getName() + ".linking";

	private final ProviderRegistrations providers;

	private final LinkedIdentities identities;

	private final AccountStore accounts;

	private final Passkeys passkeys;

	private final AuditLog audit;

	private final AccountsProperties accountSettings;

	IdentityLinkController(ProviderRegistrations providers, LinkedIdentities identities, AccountStore accounts,
			Passkeys passkeys, AuditLog audit, AccountsProperties accountSettings) {
		this.accountSettings = accountSettings;
		this.providers = providers;
		this.identities = identities;
		this.accounts = accounts;
		this.passkeys = passkeys;
		this.audit = audit;
	}

	@PostMapping("/settings/security/identities/{providerId}/link")
	@SudoRequired(continueTo = "/settings/security")
	String link(@PathVariable String providerId, @AuthenticationPrincipal SignedInUser user, HttpServletRequest request) {
		if (this.providers.provider(providerId).isEmpty()) {
			throw new NoSuchProviderException();
		}
		request.getSession().setAttribute(LINKING, user.accountId());
		return "redirect:/oauth2/authorization/" + providerId;
	}

	@PostMapping("/settings/security/identities/{providerId}/unlink")
	@SudoRequired(continueTo = "/settings/security")
	String unlink(@PathVariable String providerId, @AuthenticationPrincipal SignedInUser user,
			RedirectAttributes redirect) {
		long accountId = user.accountId();
		// A password or passkey is a way in only while local sign-in is on.
		boolean localWayIn = this.accountSettings.localSignIn() && (this.accounts.passwordKnown(accountId)
				|| !this.passkeys.of(user.getUsername()).isEmpty());
		boolean otherWayIn = localWayIn
				|| this.identities.ofAccount(accountId).stream().anyMatch((other) -> !other.providerId().equals(providerId));
		if (!otherWayIn) {
			redirect.addFlashAttribute("identityProblem", "This is your only way to sign in. Set a password (Forgot "
					+ "password?) or add a passkey first, then unlink it.");
			return "redirect:/settings/security";
		}
		if (this.identities.unlink(providerId, accountId)) {
			this.audit.record(SecurityAction.IDENTITY_UNLINKED, accountId, null, Map.of("provider", providerId));
		}
		return "redirect:/settings/security";
	}

	/** No provider by that id is configured. */
	static final class NoSuchProviderException extends NotFoundException {

		private static final long serialVersionUID = 1L;

		NoSuchProviderException() {
			super("No such identity provider.");
		}

	}

}
