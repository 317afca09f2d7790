package dev.latchkey.server.account;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import dev.latchkey.server.account.SecondFactors.SecondFactor;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.Origin;
import dev.latchkey.server.audit.SecurityAction;
import dev.latchkey.server.web.SignedInUser;

/**
 * Where a sign-in ends: the session gets its authentication, sudo mode opens (the password was
 * just proven, as on GitHub), the security log says how, and the browser goes on to the page
 * that sent it to sign in. An account with two-factor authentication stops half-way, after the
 * password, as a {@link PendingSignIn} with no authentication at all.
 */
@Component
public class SignIns {

	/** The page that asks for the second factor. */
	public static final String SECOND_FACTOR_PAGE = "/login/two-factor";

	private final SecondFactors secondFactors;

	private final AccountStore accounts;

	private final SecurityContextRepository contexts;

	private final SudoMode sudoMode;

	private final AuditLog audit;

	private final Clock clock;

	private final SavedRequestAwareAuthenticationSuccessHandler onward = new SavedRequestAwareAuthenticationSuccessHandler();

	SignIns(SecondFactors secondFactors, AccountStore accounts, SecurityContextRepository contexts, SudoMode sudoMode,
			AuditLog audit, Clock clock) {
		this.secondFactors = secondFactors;
		this.accounts = accounts;
		this.contexts = contexts;
		this.sudoMode = sudoMode;
		this.audit = audit;
		this.clock = clock;
		this.onward.setDefaultTargetUrl("/settings/tokens");
	}

	/** The password was right: signed in, or on to the second factor. */
	void passwordAccepted(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, ServletException {
		SignedInUser user = (SignedInUser) authentication.getPrincipal();
		if (!this.secondFactors.enabled(user.accountId())) {
			finish(request, response, authentication, "password");
			return;
		}
		// Undo what the form login saved: half a sign-in must not open any door.
		SecurityContextHolder.clearContext();
		this.contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
		new PendingSignIn(user.accountId(), user.getUsername(), this.clock.instant()).store(request.getSession());
		response.sendRedirect(request.getContextPath() + SECOND_FACTOR_PAGE);
	}

	/**
	 * The second factor was right: the waiting sign-in completes, unless the account was
	 * suspended meanwhile.
	 * @return whether the browser was signed in and sent on
	 */
	public boolean secondFactorAccepted(HttpServletRequest request, HttpServletResponse response, PendingSignIn pending,
			SecondFactor factor) throws IOException, ServletException {
		PendingSignIn.clear(request.getSession());
		Optional<Account> account = this.accounts.findById(pending.accountId()).filter((found) -> !found.suspended());
		if (account.isEmpty()) {
			return false;
		}
		SignedInUser user = AccountUserDetailsService.principal(account.get(), "");
		Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
				user.getAuthorities());
		// A new session id for the signed-in session, as the form login gives the first step.
		request.changeSessionId();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		finish(request, response, authentication, "password+" + factor.code());
		return true;
	}

	private void finish(HttpServletRequest request, HttpServletResponse response, Authentication authentication,
			String method) throws IOException, ServletException {
		SignedInUser user = (SignedInUser) authentication.getPrincipal();
		this.sudoMode.grant(request.getSession());
		SignedInSessions.signedIn(request);
		this.audit.record(SecurityAction.SIGN_IN, user.accountId(), null, Map.of("method", method),
				Origin.currentAs(user.getUsername()));
		this.onward.onAuthenticationSuccess(request, response, authentication);
	}

}
