package dev.latchkey.server.account;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.latchkey.server.input.NotFoundException;

/**
 * "Force a password reset" on an admin's page of a user (admins only, as every {@code /admin}
 * page, and in sudo mode): for a password that may be known to someone else.
 */
@Controller
class AdminPasswordResetController {

	private final AccountStore accounts;

	private final PasswordResets resets;

	AdminPasswordResetController(AccountStore accounts, PasswordResets resets) {
		this.accounts = accounts;
		this.resets = resets;
	}

	@PostMapping("/admin/users/{username}/password-reset")
	@SudoRequired(continueTo = "/admin/users/{username}")
	String force(@PathVariable String username, RedirectAttributes redirect) {
		Account account = this.accounts.findByUsername(username).orElseThrow(NoSuchAccountException::new);
		this.resets.force(account);
		redirect.addFlashAttribute("notice", "The password of " + username + " no longer works; they are signed out"
				+ (account.emailVerified() ? " and were mailed a link to choose a new one."
						: ". They have no verified address to mail a link to: they can ask for one once it is."));
		return "redirect:/admin/users/" + username;
	}

	/** No account by that name. */
	static final class NoSuchAccountException extends NotFoundException {

		private static final long serialVersionUID = 1L;

		NoSuchAccountException() {
			super("No such user.");
		}

	}

}
