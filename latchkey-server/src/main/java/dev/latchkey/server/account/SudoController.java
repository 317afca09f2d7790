package dev.latchkey.server.account;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.latchkey.server.web.LocalPath;

/**
 * The "Confirm access" page of sudo mode.
 */
@Controller
class SudoController {

	private final AccountService accounts;

	private final SudoMode sudoMode;

	SudoController(AccountService accounts, SudoMode sudoMode) {
		this.accounts = accounts;
		this.sudoMode = sudoMode;
	}

	@GetMapping("/sudo")
	String confirmAccess(@RequestParam(name = "continue", required = false) @Nullable String continuePath,
			Model model) {
		model.addAttribute("continuePath", safe(continuePath));
		return "account/sudo";
	}

	@PostMapping("/sudo")
	String confirm(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String password,
			@RequestParam(name = "continue", required = false) @Nullable String continuePath, HttpSession session,
			Model model) {
		String target = safe(continuePath);
		if (!this.accounts.passwordMatches(user.accountId(), password)) {
			model.addAttribute("continuePath", target);
			model.addAttribute("error", "Incorrect password.");
			return "account/sudo";
		}
		this.sudoMode.grant(session);
		return "redirect:" + target;
	}

	/** Only paths on this site, so the page can't be used as an open redirect. */
	static String safe(@Nullable String path) {
		return LocalPath.orElse(path, "/settings/tokens");
	}

}
