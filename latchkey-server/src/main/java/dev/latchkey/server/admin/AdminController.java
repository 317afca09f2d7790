package dev.latchkey.server.admin;

import java.time.Clock;

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
import dev.latchkey.server.account.Passkeys;
import dev.latchkey.server.account.SecondFactors;
import dev.latchkey.server.account.SudoRequired;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.token.TokenRow;
import dev.latchkey.server.token.TokenService;
import dev.latchkey.server.web.SignedInUser;

/**
 * The admin pages (only for admins, see the page security): find users, see and revoke
 * their tokens, suspend them.
 */
@Controller
class AdminController {

	private static final int PAGE = 50;

	private final AccountStore accounts;

	private final Suspensions suspensions;

	private final AdminRoles roles;

	private final TokenService tokens;

	private final Clock clock;

	private final SecondFactors secondFactors;

	private final Passkeys passkeys;

	AdminController(AccountStore accounts, Suspensions suspensions, AdminRoles roles, TokenService tokens,
			Clock clock, SecondFactors secondFactors, Passkeys passkeys) {
		this.secondFactors = secondFactors;
		this.passkeys = passkeys;
		this.accounts = accounts;
		this.suspensions = suspensions;
		this.roles = roles;
		this.tokens = tokens;
		this.clock = clock;
	}

	@GetMapping("/admin")
	String users(@RequestParam(defaultValue = "") String q, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("users", this.accounts.search(q, PAGE));
		return "admin/users";
	}

	/** Every user's tokens, searched by token name or owner. */
	@GetMapping("/admin/tokens")
	String tokens(@RequestParam(defaultValue = "") String q, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("found", this.tokens.search(q, PAGE)
			.stream()
			.map((owned) -> new AdminTokenRow(owned.owner(), TokenRow.of(owned.token(), this.clock.instant())))
			.toList());
		return "admin/tokens";
	}

	@GetMapping("/admin/users/{username}")
	String user(@PathVariable String username, Model model) {
		Account account = find(username);
		model.addAttribute("user", account);
		model.addAttribute("twoFactorEnabled", this.secondFactors.enabled(account.id()));
		model.addAttribute("passkeys", this.passkeys.of(account.username()).size());
		model.addAttribute("tokens",
				this.tokens.list(account.id()).stream().map((t) -> TokenRow.of(t, this.clock.instant())).toList());
		return "admin/user";
	}

	@PostMapping("/admin/users/{username}/suspend")
	String suspend(@AuthenticationPrincipal SignedInUser admin, @PathVariable String username,
			RedirectAttributes redirect) {
		try {
			this.suspensions.suspend(find(username).username(), admin.accountId());
			redirect.addFlashAttribute("notice", "Suspended " + username + ". Their tokens and sessions no longer work.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", ex.problems().get(0).message());
		}
		return "redirect:/admin/users/" + username;
	}

	@SudoRequired(continueTo = "/admin/users/{username}")
	@PostMapping("/admin/users/{username}/admin")
	String setAdmin(@AuthenticationPrincipal SignedInUser current, @PathVariable String username,
			@RequestParam("admin") boolean makeAdmin, RedirectAttributes redirect) {
		try {
			this.roles.setAdmin(username, makeAdmin, current.accountId());
			redirect.addFlashAttribute("notice", (makeAdmin ? username + " is an admin now." : username
					+ " is no longer an admin.") + " They were signed out, to sign in again with their new role.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", ex.problems().get(0).message());
		}
		return "redirect:/admin/users/" + username;
	}

	@PostMapping("/admin/users/{username}/unsuspend")
	String unsuspend(@PathVariable String username, RedirectAttributes redirect) {
		this.suspensions.unsuspend(find(username).username());
		redirect.addFlashAttribute("notice", "Lifted the suspension of " + username + ".");
		return "redirect:/admin/users/" + username;
	}

	@PostMapping("/admin/users/{username}/tokens/{id}/revoke")
	String revoke(@PathVariable String username, @PathVariable long id, RedirectAttributes redirect) {
		var token = this.tokens.get(find(username).id(), id);
		this.tokens.revoke(token, SecurityAction.TOKEN_REVOKED);
		redirect.addFlashAttribute("notice", "Revoked token \"" + token.name() + "\".");
		return "redirect:/admin/users/" + username;
	}

	private Account find(String username) {
		return this.accounts.findByUsername(username)
			.orElseThrow(UserNotFoundException::new);
	}

	/**
	 * A line of the admin token list.
	 *
	 * @param owner whose token it is
	 * @param token the token
	 */
	record AdminTokenRow(String owner, TokenRow token) {
	}

}
