package dev.latchkey.server.account;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.latchkey.server.ratelimit.AttemptThrottle;
import dev.latchkey.server.ratelimit.TooManyAttemptsPage;
import dev.latchkey.server.web.LocalPath;
import dev.latchkey.server.web.SignedInUser;

/**
 * The "Confirm access" page of sudo mode.
 */
@Controller
class SudoController {

	private final AccountService accounts;

	private final SudoMode sudoMode;

	private final SudoAttempts attempts;

	SudoController(AccountService accounts, SudoMode sudoMode, SudoAttempts attempts) {
		this.accounts = accounts;
		this.sudoMode = sudoMode;
		this.attempts = attempts;
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
			Model model, HttpServletRequest request, HttpServletResponse response) {
		String target = safe(continuePath);
		// Before the password is hashed: a throttled attempt is refused whatever it typed.
		Optional<AttemptThrottle.Refusal> refusal = this.attempts.refusal(user, request.getRemoteAddr());
		if (refusal.isPresent()) {
			model.addAllAttributes(TooManyAttemptsPage.prepare(refusal.get(), response));
			return TooManyAttemptsPage.VIEW;
		}
		if (!this.accounts.passwordMatches(user.accountId(), password)) {
			this.attempts.failed(user, request.getRemoteAddr());
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
