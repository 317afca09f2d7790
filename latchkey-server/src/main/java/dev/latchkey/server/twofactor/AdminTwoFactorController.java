package dev.latchkey.server.twofactor;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SudoRequired;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.input.NotFoundException;
import dev.latchkey.server.web.FormErrors;
import dev.latchkey.server.web.RelativeTime;
import dev.latchkey.server.web.SignedInUser;

/**
 * Two-factor authentication for admins: the policy that requires it (Admin → Two-factor), and
 * resetting a user's second factor when they have lost it (on the user's page). Both need sudo
 * mode and are in the security log.
 */
@Controller
class AdminTwoFactorController {

	private final TwoFactorPolicy policy;

	private final TwoFactorService twoFactor;

	private final AccountStore accounts;

	AdminTwoFactorController(TwoFactorPolicy policy, TwoFactorService twoFactor, AccountStore accounts) {
		this.policy = policy;
		this.twoFactor = twoFactor;
		this.accounts = accounts;
	}

	@GetMapping("/admin/two-factor")
	String policy(Model model) {
		TwoFactorPolicy.Settings settings = this.policy.settings();
		model.addAttribute("requiredOf", settings.requiredOf().code());
		model.addAttribute("graceDays", settings.graceDays());
		model.addAttribute("deadline", (settings.deadline() != null) ? RelativeTime.date(settings.deadline()) : null);
		return "twofactor/policy";
	}

	@PostMapping("/admin/two-factor")
	@SudoRequired(continueTo = "/admin/two-factor")
	String change(@AuthenticationPrincipal SignedInUser admin, @RequestParam("required_of") String requiredOf,
			@RequestParam(name = "grace_days", defaultValue = "7") int graceDays, Model model,
			RedirectAttributes redirect) {
		TwoFactorPolicy.RequiredOf of;
		try {
			of = TwoFactorPolicy.RequiredOf.of(requiredOf);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("required_of", "invalid", "Choose nobody, admins or everyone.");
		}
		try {
			this.policy.change(of, graceDays, admin.accountId());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return policy(model);
		}
		redirect.addFlashAttribute("notice", "Two-factor requirement saved.");
		return "redirect:/admin/two-factor";
	}

	@PostMapping("/admin/users/{username}/two-factor/reset")
	@SudoRequired(continueTo = "/admin/users/{username}")
	String reset(@PathVariable String username, RedirectAttributes redirect) {
		Account account = this.accounts.findByUsername(username).orElseThrow(NoSuchUserException::new);
		this.twoFactor.resetByAdmin(account);
		redirect.addFlashAttribute("notice", "Two-factor authentication of " + username
				+ " is reset, passkeys included: their password alone signs in until they set it up again.");
		return "redirect:/admin/users/" + username;
	}

	/** No user by that name. */
	static final class NoSuchUserException extends NotFoundException {

		private static final long serialVersionUID = 1L;

		NoSuchUserException() {
			super("No such user.");
		}

	}

}
