package dev.latchkey.server.email;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
import dev.latchkey.server.ratelimit.AttemptThrottle;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.ratelimit.ThrottleProperties;
import dev.latchkey.server.ratelimit.TooManyAttemptsPage;
import dev.latchkey.server.web.FormErrors;
import dev.latchkey.server.web.SignedInUser;

/**
 * Settings → Emails: the address, whether it is verified, the verification mail again, and a
 * new address (sudo mode). The link in the mail works without signing in.
 */
@Controller
class EmailSettingsController {

	private final EmailVerifications verifications;

	private final AccountStore accounts;

	private final AttemptThrottle resends;

	EmailSettingsController(EmailVerifications verifications, AccountStore accounts, RateLimiter limiter,
			ThrottleProperties throttle) {
		this.verifications = verifications;
		this.accounts = accounts;
		// Every mail sent on request counts, so the button can't flood anyone's inbox.
		this.resends = new AttemptThrottle(limiter, "verification-mail", throttle.verificationMailsPerAccount(), 0,
				throttle.window());
	}

	@GetMapping("/settings/emails")
	String emails(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("account", account(user));
		return "email/emails";
	}

	@PostMapping("/settings/emails")
	@SudoRequired(continueTo = "/settings/emails")
	String change(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String email,
			Model model, RedirectAttributes redirect) {
		Account account = account(user);
		try {
			this.verifications.change(account, email.strip());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("account", account);
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return "email/emails";
		}
		redirect.addFlashAttribute("notice", "Email changed. We sent a verification link to the new address.");
		return "redirect:/settings/emails";
	}

	@PostMapping("/settings/emails/verification")
	String resend(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		String accountKey = Long.toString(user.accountId());
		Optional<AttemptThrottle.Refusal> refusal = this.resends.refusal(accountKey, request.getRemoteAddr());
		if (refusal.isPresent()) {
			model.addAllAttributes(TooManyAttemptsPage.prepare(refusal.get(), response));
			return TooManyAttemptsPage.VIEW;
		}
		this.resends.failed(accountKey, request.getRemoteAddr());
		this.verifications.send(account(user));
		redirect.addFlashAttribute("notice", "We sent the verification link again. It works for a day.");
		return "redirect:/settings/emails";
	}

	@GetMapping("/verify_email/{secret}")
	String verify(@PathVariable String secret, Model model) {
		model.addAllAttributes(Map.of("verified", this.verifications.verify(secret)));
		return "email/verified";
	}

	private Account account(SignedInUser user) {
		return this.accounts.findById(user.accountId()).orElseThrow();
	}

}
