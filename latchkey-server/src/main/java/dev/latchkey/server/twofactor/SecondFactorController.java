package dev.latchkey.server.twofactor;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import dev.latchkey.server.account.Passkeys;
import dev.latchkey.server.account.PendingSignIn;
import dev.latchkey.server.account.SecondFactors.SecondFactor;
import dev.latchkey.server.account.SignIns;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.Origin;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.ratelimit.AttemptThrottle;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.ratelimit.ThrottleProperties;
import dev.latchkey.server.ratelimit.TooManyAttemptsPage;

/**
 * The second step of signing in: after the password, a code from the authenticator app or a
 * recovery code. Wrong codes are counted per account and per address like wrong passwords,
 * so the six digits can't be guessed at speed.
 */
@Controller
class SecondFactorController {

	private final TwoFactorService twoFactor;

	private final SignIns signIns;

	private final AttemptThrottle throttle;

	private final AuditLog audit;

	private final Clock clock;

	private final Passkeys passkeys;

	SecondFactorController(TwoFactorService twoFactor, SignIns signIns, RateLimiter limiter,
			ThrottleProperties properties, AuditLog audit, Clock clock, Passkeys passkeys) {
		this.passkeys = passkeys;
		this.twoFactor = twoFactor;
		this.signIns = signIns;
		this.throttle = new AttemptThrottle(limiter, "second-factor", properties.secondFactorFailuresPerAccount(),
				properties.secondFactorFailuresPerAddress(), properties.window());
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping(SignIns.SECOND_FACTOR_PAGE)
	String challenge(HttpServletRequest request, Model model) {
		Optional<PendingSignIn> pending = PendingSignIn.in(request.getSession(), this.clock.instant());
		if (pending.isEmpty()) {
			return "redirect:/login";
		}
		model.addAttribute("username", pending.get().username());
		model.addAttribute("hasPasskeys", !this.passkeys.of(pending.get().username()).isEmpty());
		return "twofactor/challenge";
	}

	/** Answers with a page, or with nothing when the sign-in completed and redirected the browser. */
	@PostMapping(SignIns.SECOND_FACTOR_PAGE)
	@Nullable ModelAndView verify(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response) throws IOException, ServletException {
		Optional<PendingSignIn> pending = PendingSignIn.in(request.getSession(), this.clock.instant());
		if (pending.isEmpty()) {
			return new ModelAndView("redirect:/login?expired");
		}
		long accountId = pending.get().accountId();
		String address = request.getRemoteAddr();
		Optional<AttemptThrottle.Refusal> refusal = this.throttle.refusal(Long.toString(accountId), address);
		if (refusal.isPresent()) {
			if (refusal.get().first()) {
				this.audit.record(SecurityAction.SECOND_FACTOR_THROTTLED, accountId, null,
						Map.of("limit", refusal.get().limit().code()), Origin.currentAs(pending.get().username()));
			}
			return new ModelAndView(TooManyAttemptsPage.VIEW, TooManyAttemptsPage.prepare(refusal.get(), response));
		}
		Optional<SecondFactor> factor = this.twoFactor.verify(accountId, code);
		if (factor.isEmpty()) {
			this.throttle.failed(Long.toString(accountId), address);
			this.audit.record(SecurityAction.SECOND_FACTOR_FAILED, accountId, null, Map.of(),
					Origin.currentAs(pending.get().username()));
			return new ModelAndView("twofactor/challenge", Map.of("username", pending.get().username(), "hasPasskeys",
					!this.passkeys.of(pending.get().username()).isEmpty(), "error",
					"Two-factor authentication failed: that code is wrong, or was used already."));
		}
		if (!this.signIns.secondFactorAccepted(request, response, pending.get(), factor.get())) {
			return new ModelAndView("redirect:/login?error");
		}
		return null;
	}

}
