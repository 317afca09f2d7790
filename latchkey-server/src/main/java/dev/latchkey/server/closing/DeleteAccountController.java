package dev.latchkey.server.closing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SudoRequired;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.web.FormErrors;
import dev.latchkey.server.web.SignedInUser;

/**
 * Settings → Account: "Delete your account", in sudo mode, confirmed by typing the username as
 * on GitHub. Nothing can bring the account back.
 */
@Controller
class DeleteAccountController {

	private final AccountDeletion deletion;

	private final AccountStore accounts;

	DeleteAccountController(AccountDeletion deletion, AccountStore accounts) {
		this.deletion = deletion;
		this.accounts = accounts;
	}

	@GetMapping("/settings/account")
	@SudoRequired
	String account() {
		return "closing/account";
	}

	@PostMapping("/settings/account/delete")
	@SudoRequired(continueTo = "/settings/account")
	String delete(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String confirm,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		try {
			this.deletion.delete(this.accounts.findById(user.accountId()).orElseThrow(), confirm);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return "closing/account";
		}
		new SecurityContextLogoutHandler().logout(request, response, SecurityContextHolder.getContext().getAuthentication());
		return "redirect:/login?deleted";
	}

}
