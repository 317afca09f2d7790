package dev.latchkey.server.account;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.Origin;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.input.InvalidInputException;
import dev.latchkey.server.ratelimit.AttemptThrottle;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.ratelimit.ThrottleProperties;
import dev.latchkey.server.ratelimit.TooManyAttemptsPage;
import dev.latchkey.server.web.FormErrors;
import dev.latchkey.server.web.NoStore;

/**
 * "Forgot password?": {@code /password_reset} takes an email address and answers the same
 * whether or not an account has it; the mailed link {@code /password_reset/<secret>} asks for
 * the new password. Requests are counted per typed address and per client address, every one
 * of them, so the mail can't be turned into a flood at someone's inbox.
 */
@Controller
class PasswordResetController {

	private static final String SENT = "If an account has that email address, we sent it a link to reset the "
			+ "password. It works for an hour.";

	private final PasswordResets resets;

	private final AttemptThrottle throttle;

	private final AuditLog audit;

	PasswordResetController(PasswordResets resets, RateLimiter limiter, ThrottleProperties properties,
			AuditLog audit) {
		this.resets = resets;
		this.throttle = new AttemptThrottle(limiter, "password_reset", properties.passwordResetsPerEmail(),
				properties.passwordResetsPerAddress(), properties.window());
		this.audit = audit;
	}

	@GetMapping("/password_reset")
	String form() {
		return "account/password-reset";
	}

	@PostMapping("/password_reset")
	String request(@RequestParam(defaultValue = "") String email, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		String typed = email.strip().toLowerCase(Locale.ROOT);
		Optional<AttemptThrottle.Refusal> refusal = this.throttle.refusal(typed, request.getRemoteAddr());
		if (refusal.isPresent()) {
			refusal.filter(AttemptThrottle.Refusal::first)
				.ifPresent((first) -> this.audit.record(SecurityAction.PASSWORD_RESET_THROTTLED, null, null,
						Map.of("limit", first.limit().code()), Origin.currentAs("(password reset)")));
			model.addAllAttributes(TooManyAttemptsPage.prepare(refusal.get(), response));
			return TooManyAttemptsPage.VIEW;
		}
		this.throttle.failed(typed, request.getRemoteAddr());
		if (!typed.isEmpty()) {
			this.resets.request(typed);
		}
		model.addAttribute("notice", SENT);
		return "account/password-reset";
	}

	@GetMapping("/password_reset/{secret}")
	String newPasswordForm(@PathVariable String secret, Model model, HttpServletResponse response) {
		NoStore.on(response);
		if (!this.resets.isValid(secret)) {
			return expired(model, response);
		}
		model.addAttribute("secret", secret);
		return "account/password-reset-new";
	}

	@PostMapping("/password_reset/{secret}")
	String reset(@PathVariable String secret, @RequestParam(name = "new_password", defaultValue = "") String password,
			Model model, HttpServletResponse response) {
		NoStore.on(response);
		try {
			if (!this.resets.reset(secret, password)) {
				return expired(model, response);
			}
		}
		catch (InvalidInputException ex) {
			model.addAttribute("secret", secret);
			model.addAttribute("errors", FormErrors.byField(ex.problems()));
			return "account/password-reset-new";
		}
		return "redirect:/login?reset";
	}

	private static String expired(Model model, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_GONE);
		model.addAttribute("error", "This link doesn't work: it was used already, or it is over an hour old. "
				+ "Ask for a new one below.");
		return "account/password-reset";
	}

}
