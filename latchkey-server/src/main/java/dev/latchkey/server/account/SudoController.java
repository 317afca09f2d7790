package dev.latchkey.server.account;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
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

	private final SecondFactors secondFactors;

	private final Passkeys passkeys;

	private final ObjectProvider<IdentityProviders> identityProviders;

	SudoController(AccountService accounts, SudoMode sudoMode, SudoAttempts attempts, SecondFactors secondFactors,
			Passkeys passkeys, ObjectProvider<IdentityProviders> identityProviders) {
		this.identityProviders = identityProviders;
		this.passkeys = passkeys;
		this.accounts = accounts;
		this.secondFactors = secondFactors;
		this.sudoMode = sudoMode;
		this.attempts = attempts;
	}

	@GetMapping("/sudo")
	String confirmAccess(@AuthenticationPrincipal SignedInUser user,
			@RequestParam(name = "continue", required = false) @Nullable String continuePath, Model model) {
		return page(user, safe(continuePath), model, null);
	}

	private String page(SignedInUser user, String continuePath, Model model, @Nullable String error) {
		model.addAttribute("continuePath", continuePath);
		model.addAttribute("twoFactorEnabled", this.secondFactors.enabled(user.accountId()));
		model.addAttribute("passkeys", this.passkeys.of(user.getUsername()));
		model.addAttribute("linkedIdentities",
				this.identityProviders.getIfAvailable(() -> IdentityProviders.NONE).linkedTo(user.accountId()));
		model.addAttribute("error", error);
		return "account/sudo";
	}

	@PostMapping("/sudo")
	String confirm(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String code,
			@RequestParam(name = "continue", required = false) @Nullable String continuePath, HttpSession session,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		String target = safe(continuePath);
		// Before the password is hashed: a throttled attempt is refused whatever it typed.
		Optional<AttemptThrottle.Refusal> refusal = this.attempts.refusal(user, request.getRemoteAddr());
		if (refusal.isPresent()) {
			model.addAllAttributes(TooManyAttemptsPage.prepare(refusal.get(), response));
			return TooManyAttemptsPage.VIEW;
		}
		// A second factor serves as well as the password, as on GitHub.
		boolean confirmed = code.isBlank() ? this.accounts.passwordMatches(user.accountId(), password)
				: this.secondFactors.verify(user.accountId(), code).isPresent();
		if (!confirmed) {
			this.attempts.failed(user, request.getRemoteAddr());
			return page(user, target, model, code.isBlank() ? "Incorrect password." : "That code is wrong, or was used already.");
		}
		this.sudoMode.grant(session);
		return "redirect:" + target;
	}

	/** Only paths on this site, so the page can't be used as an open redirect. */
	static String safe(@Nullable String path) {
		return LocalPath.orElse(path, "/settings/tokens");
	}

}
