package dev.latchkey.server.account;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.Origin;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.ratelimit.AttemptThrottle;
import dev.latchkey.server.ratelimit.RateLimiter;
import dev.latchkey.server.ratelimit.ThrottleProperties;
import dev.latchkey.server.ratelimit.TooManyAttemptsPage;

/**
 * Throttles password sign-in per typed username and per client address. Its {@link #filter()}
 * stands in front of the form login, so a throttled attempt is answered {@code 429} before
 * any account is loaded or any password hashed, and the right password is refused as well as
 * a wrong one until the window ends. Failures are counted from Spring Security's failure
 * events, the same ones {@link SignInLog} puts in the security log.
 * <p>
 * A successful sign-in resets neither count. The address count mustn't be: anyone with an
 * account of their own could otherwise sign in as themselves between guesses at others and
 * guess for ever. The account count isn't either, as with GitHub's "failed login limit" for
 * its REST API, which after several invalid credentials in a short period rejects every
 * attempt for that user for a while, valid ones included: a lockout simply runs out, and the
 * owner signing in meanwhile is no reason to hand whoever guesses their password a fresh
 * allowance.
 */
@Component
public class SignInThrottle {

	private static final RequestMatcher SIGN_IN = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/login");

	private final AttemptThrottle throttle;

	private final TooManyAttemptsPage page;

	private final AuditLog audit;

	private final AccountStore accounts;

	SignInThrottle(RateLimiter limiter, ThrottleProperties properties, TooManyAttemptsPage page, AuditLog audit,
			AccountStore accounts) {
		this.throttle = new AttemptThrottle(limiter, "sign-in", properties.signInFailuresPerAccount(),
				properties.signInFailuresPerAddress(), properties.window());
		this.page = page;
		this.audit = audit;
		this.accounts = accounts;
	}

	/**
	 * The filter to put before the form login's. Not a bean, so the servlet container doesn't
	 * also run it on every request.
	 */
	public Filter filter() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (SIGN_IN.matches(request) && refused(request, response)) {
					return;
				}
				chain.doFilter(request, response);
			}

		};
	}

	private boolean refused(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		String username = typedUsername(request);
		Optional<AttemptThrottle.Refusal> refusal = this.throttle.refusal(username, request.getRemoteAddr());
		if (refusal.isEmpty()) {
			return false;
		}
		if (refusal.get().first()) {
			logThrottled(username, refusal.get());
		}
		this.page.render(refusal.get(), request, response);
		return true;
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt
				&& RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			this.throttle.failed(attempt.getName(), attributes.getRequest().getRemoteAddr());
		}
	}

	/** Once per window and limit, not once per refused request: a flood mustn't flood the log. */
	private void logThrottled(String username, AttemptThrottle.Refusal refusal) {
		Map<String, String> details = Map.of("limit", refusal.limit().code());
		// As in SignInLog: what was typed is logged only when it names an account.
		this.accounts.findByUsername(username)
			.ifPresentOrElse(
					(account) -> this.audit.record(SecurityAction.SIGN_IN_THROTTLED, account.id(), null, details,
							Origin.currentAs(account.username())),
					() -> this.audit.record(SecurityAction.SIGN_IN_THROTTLED, null, null, details,
							Origin.currentAs(SignInLog.UNKNOWN_USER)));
	}

	/** The username as the form login reads it. */
	private static String typedUsername(HttpServletRequest request) {
		String username = request.getParameter("username");
		return (username != null) ? username.trim() : "";
	}

}
